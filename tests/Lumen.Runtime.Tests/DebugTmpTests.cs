using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
namespace Lumen.Runtime.Tests;
public sealed class DebugTmpTests
{
    [Fact]
    public async Task Debug_Steps()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dbg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var opening = FileLedgerStore.OpenAsync(new FileLedgerStoreOptions(Path.Combine(dir, "l.jsonl")), TimeProvider.System);
        await Task.WhenAny(opening, Task.Delay(3000));
        Assert.True(opening.IsCompleted, "open");
        var store = await opening;
        var append = store.AppendAsync(new LedgerDraft("x", null, null, "a"));
        await Task.WhenAny(append, Task.Delay(3000));
        var files = string.Join(",", Directory.GetFiles(dir).Select(f => Path.GetFileName(f) + ":" + new FileInfo(f).Length));
        var w = (Task)typeof(FileLedgerStore).GetField("_writer", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance)!.GetValue(store)!;
        Assert.True(append.IsCompleted, $"writer {w.Status} {w.Exception} append {append.Status} files {files} faulted {store.IsFaulted}");
    }
}

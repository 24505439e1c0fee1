using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Lumen.Integration.Tests.TestKit;

namespace Lumen.Integration.Tests.Live;

/// <summary>
/// <c>lumen demo --live</c> as a child process: it starts its own demo services and Prometheus (from PATH),
/// so these tests need no fixture. Each checks by PID that nothing it started is left running.
/// </summary>
public sealed partial class DemoLiveTests : IDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("lumen-demo-live-test-");

    [Fact]
    public async Task DemoLive_ShortRun_ExitsZeroWithVerifyingOutputsAndNoChildLeft()
    {
        var outDir = Path.Combine(_dir.FullName, "out");
        using var demo = LumenProcess.Start(new Dictionary<string, string>(), "demo", "--live", "--seconds", "20", "--out", outDir);

        Assert.Equal(0, await demo.WaitAsync(Limit));
        var output = demo.Output;
        var pids = ChildPids(output);
        Assert.Equal(3, pids.Count); // baseline, canary, prometheus
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"child {pid} still runs\n{output}"));
        var ledger = Path.Combine(outDir, "proof_ledger.jsonl");
        Assert.True(LedgerHeadFile.TryRead(FileLedgerStoreOptions.DefaultHeadPath(ledger), out var checkpoint, out var error), error);
        var verify = LedgerFileVerifier.Verify(ledger, checkpoint, null);
        Assert.True(verify.IsValid, verify.Failure?.Reason);
        var entries = LiveLoopDriver.ReadLedger(ledger);
        Assert.Contains(entries, e => e.Kind == "demo.started");
        Assert.Contains(entries, e => e.Kind == LedgerKinds.ConfigLoaded);
        Assert.True(entries.Count(e => e.Kind == LedgerKinds.Tick) >= 5, output);
        Assert.Contains(entries, e => e.Kind == "observation" && e.Data.GetProperty("tracks").GetProperty("canary").GetProperty("status").GetString() == "ok");
        Assert.Contains("lumen_ledger_head_seq ", await File.ReadAllTextAsync(Path.Combine(outDir, "lumen.prom")), StringComparison.Ordinal);
        Assert.Contains("Lumen demo report", await File.ReadAllTextAsync(Path.Combine(outDir, "LUMEN_DEMO_REPORT.md")), StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(outDir, "reports"), "*.png"));
        Assert.Contains("ledger verification: valid", output, StringComparison.Ordinal);
        Assert.False(TokenPattern().IsMatch(output), "the admin token (48 hex digits) must never be printed");
    }

    [Fact]
    public async Task DemoLive_Sigterm_StopsEveryChildAndStillVerifies()
    {
        Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGTERM needs a Unix");
        var outDir = Path.Combine(_dir.FullName, "out");
        using var demo = LumenProcess.Start(new Dictionary<string, string>(), "demo", "--live", "--minutes", "10", "--out", outDir);
        await Poll.UntilAsync(() => Task.FromResult(demo.Output), o => demo.HasExited || o.Contains("tick   3", StringComparison.Ordinal),
            "the third tick", attempts: 600, delayMs: 200);
        Assert.False(demo.HasExited, demo.Output);

        Assert.Equal(0, Kill(demo.Id, 15));
        Assert.Equal(0, await demo.WaitAsync(Limit));
        var output = demo.Output;
        Assert.Contains("stopped early (SIGTERM)", output, StringComparison.Ordinal);
        var pids = ChildPids(output);
        Assert.Equal(3, pids.Count);
        Assert.All(pids, pid => Assert.False(IsRunning(pid), $"child {pid} still runs\n{output}"));
        var ledger = Path.Combine(outDir, "proof_ledger.jsonl");
        Assert.True(LedgerFileVerifier.Verify(ledger, null, null).IsValid, output);
    }

    [Fact]
    public async Task DemoLive_NoPrometheusOnPath_ExitsFiveWithInstallHintAndStartsNothing()
    {
        var emptyPath = Directory.CreateDirectory(Path.Combine(_dir.FullName, "bin")).FullName;
        var outDir = Path.Combine(_dir.FullName, "out");
        using var demo = LumenProcess.Start(new Dictionary<string, string> { ["PATH"] = emptyPath }, "demo", "--live", "--out", outDir);

        Assert.Equal(5, await demo.WaitAsync(Limit));
        var output = demo.Output;
        Assert.Contains("no prometheus on PATH", output, StringComparison.Ordinal);
        Assert.Contains("sudo apt-get install prometheus", output, StringComparison.Ordinal);
        Assert.Contains("Nothing was started", output, StringComparison.Ordinal);
        Assert.Empty(ChildPids(output));
        Assert.False(Directory.Exists(outDir));
    }

    private static List<int> ChildPids(string output) =>
        [.. PidPattern().Matches(output).Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))];

    /// <summary>True while a process with that id exists and has not exited (a zombie counts as gone).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited && !IsZombie(pid);
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static bool IsZombie(int pid)
    {
        var stat = $"/proc/{pid}/stat";
        return File.Exists(stat) && File.ReadAllText(stat).Split(") ", 2) is [_, var rest] && rest.StartsWith('Z');
    }

    [GeneratedRegex(@"\(pid (\d+)")]
    private static partial Regex PidPattern();

    /// <summary>The shape of the generated admin token (24 random bytes in hex).</summary>
    [GeneratedRegex(@"\b[0-9a-f]{48}\b")]
    private static partial Regex TokenPattern();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    public void Dispose()
    {
        try
        {
            _dir.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temp dir left behind is not worth failing a test for.
        }
    }
}

using Lumen.Adapters.Executors;
using Lumen.Adapters.Tests.TestKit;

namespace Lumen.Adapters.Tests.Executors;

public sealed class CommandExecutorTests : IDisposable
{
    // A knob store in a state file: `set K V` appends, `get K` prints the last value.
    private const string StoreScript = """
        state="$(dirname "$0")/state"
        case "$1" in
          set) echo "$2=$3" >> "$state"; echo "set $2 to $3" ;;
          get) v="$(grep "^$2=" "$state" 2>/dev/null | tail -n 1 | cut -d= -f2 || true)"
               if [ -z "$v" ]; then echo "unknown knob $2" >&2; exit 3; fi
               echo "reading $2"; echo "$v" ;;
          *) exit 64 ;;
        esac
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private CommandExecutor NewExecutor(string body, int timeoutMs = 10_000) =>
        new(new CommandExecutorOptions([_dir.Script("knobs.sh", body)], TimeSpan.FromMilliseconds(timeoutMs)));

    [Fact]
    public async Task SetAsync_ThenGetAsync_UsesTheScriptProtocol()
    {
        var executor = NewExecutor(StoreScript);

        var set = await executor.SetAsync("timeout_ms", 1600, CancellationToken.None);
        var get = await executor.GetAsync("timeout_ms", CancellationToken.None);

        Assert.Equal(1600, set.Value);
        Assert.Contains("set timeout_ms to 1600", set.Detail, StringComparison.Ordinal);
        Assert.Equal(1600, get.Value);
        Assert.Equal("timeout_ms=1600\n", await File.ReadAllTextAsync(_dir.File("state")));
    }

    [Fact]
    public async Task GetAsync_ScriptExitsNonZero_FailsPermanentlyWithItsOutput()
    {
        var result = await NewExecutor(StoreScript).GetAsync("nope", CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.False(result.Transient);
        Assert.Contains("exit code 3: unknown knob nope", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAsync_ScriptExits75_FailsTransiently()
    {
        var result = await NewExecutor("echo busy >&2\nexit 75\n").SetAsync("a", 1, CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.True(result.Transient);
    }

    [Fact]
    public async Task GetAsync_ScriptPrintsNoNumber_Fails()
    {
        var result = await NewExecutor("echo NaN\n").GetAsync("a", CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.Contains("no finite number", result.Reason, StringComparison.Ordinal);
    }

    [Fact(Timeout = 60_000)]
    public async Task SetAsync_ScriptOutlivesTheTimeout_KillsTheWholeTreeAndFailsTransiently()
    {
        // The background sleep inherits stdout; the call can only return once it is dead too.
        var executor = NewExecutor("sleep 300 &\necho started\nwait\n", timeoutMs: 300);

        var result = await executor.SetAsync("a", 1, CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.True(result.Transient);
        Assert.Contains("timed out after 300 ms (process tree killed)", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_ProgramMissing_FailsPermanently()
    {
        var executor = new CommandExecutor(new CommandExecutorOptions([_dir.File("missing")]));

        var result = await executor.GetAsync("a", CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.False(result.Transient);
    }

    [Fact]
    public async Task SetAsync_ValueWithShellMetacharacters_IsOneArgument()
    {
        var executor = NewExecutor("printf '%s|' \"$@\"\n");

        var result = await executor.SetAsync("a;rm -rf x", 0.5, CancellationToken.None);

        Assert.Contains("set|a;rm -rf x|0.5|", result.Detail, StringComparison.Ordinal);
    }
}

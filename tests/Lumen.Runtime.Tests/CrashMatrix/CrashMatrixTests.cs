using Lumen.Runtime.Crash;
using Lumen.TestKit;

namespace Lumen.Runtime.Tests.CrashMatrix;

/// <summary>
/// The crash-safety matrix (issue 4, docs/loop.md): the real loop in a child process on a
/// file-backed target, crashed at each hook point and killed with SIGKILL at seeded-random moments,
/// then restarted until it completes; after each run the ledger facts must hold.
/// </summary>
[Trait("Speed", "Slow")] // kills the loop's child process at every crash point
public sealed class CrashMatrixTests : IDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(HarnessProcess.SecondsPerTick);
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lumen-crash-" + Guid.NewGuid().ToString("N"));

    public CrashMatrixTests() => Directory.CreateDirectory(_root);

    [Theory]
    [InlineData("before_apply")]
    [InlineData("after_apply")]
    [InlineData("before_ledger_outcome")]
    [InlineData("before_rollback")]
    [InlineData("after_rollback:2")]
    public async Task Harness_CrashAtPointThenRestart_LedgerAndTargetAgree(string crashAt)
    {
        var state = Path.Combine(_root, crashAt.Replace(':', '-'));
        using (var first = HarnessProcess.Start(state, crashAt))
        {
            Assert.Equal(CrashHook.ExitCode, await first.WaitAsync());
        }

        await RestartUntilDoneAsync(state);

        LedgerFacts.AssertConsistent(state, Interval, HarnessConfig.KnobDefault);
    }

    [Fact]
    public async Task Harness_KilledAtTwentyRandomMoments_LedgerAndTargetAgree()
    {
        var random = new Random(20251125);
        var killed = 0;
        // A kill aimed past the end of a short run finds the process already done; keep going (bounded)
        // until at least 20 kills have hit a running process, so the matrix never passes on fewer.
        for (var run = 0; run < 40 && killed < 20; run++)
        {
            var state = Path.Combine(_root, $"kill-{run}");
            var ledger = Path.Combine(state, "proof_ledger.jsonl");
            var kills = 1 + random.Next(2);
            for (var k = 0; k < kills; k++)
            {
                var lines = LineCount(ledger) + 3 + random.Next(40);
                using var process = HarnessProcess.Start(state);
                await WaitForLinesAsync(process, ledger, lines);
                killed += await process.KillAsync() ? 1 : 0;
            }

            await RestartUntilDoneAsync(state);
            LedgerFacts.AssertConsistent(state, Interval, HarnessConfig.KnobDefault);
        }

        Assert.True(killed >= 20, $"only {killed} kills hit a running process");
    }

    [Theory]
    [InlineData("before_apply")]
    [InlineData("after_apply")]
    [InlineData("before_ledger_outcome")]
    [InlineData("before_rollback:2")]
    [InlineData("after_rollback:3")]
    public async Task Harness_Trials_CrashAtPointThenRestart_TheTargetEndsAtItsIncumbent(string crashAt)
    {
        var state = Path.Combine(_root, "trials-" + crashAt.Replace(':', '-'));
        using (var first = HarnessProcess.Start(state, crashAt, trials: true))
        {
            Assert.Equal(CrashHook.ExitCode, await first.WaitAsync());
        }

        await RestartUntilDoneAsync(state, trials: true);

        LedgerFacts.AssertConsistent(state, Interval, HarnessConfig.KnobDefault, expectKept: true);
    }

    [Fact]
    public async Task Harness_Trials_KilledAtRandomMoments_TheTargetEndsAtItsIncumbent()
    {
        var random = new Random(20261207);
        var killed = 0;
        for (var run = 0; run < 16 && killed < 8; run++)
        {
            var state = Path.Combine(_root, $"trials-kill-{run}");
            var ledger = Path.Combine(state, "proof_ledger.jsonl");
            var lines = 20 + random.Next(400);
            using (var process = HarnessProcess.Start(state, trials: true))
            {
                await WaitForLinesAsync(process, ledger, lines);
                killed += await process.KillAsync() ? 1 : 0;
            }

            await RestartUntilDoneAsync(state, trials: true);
            LedgerFacts.AssertConsistent(state, Interval, HarnessConfig.KnobDefault);
        }

        Assert.True(killed >= 8, $"only {killed} kills hit a running process");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static async Task RestartUntilDoneAsync(string state, bool trials = false)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var process = HarnessProcess.Start(state, trials: trials);
            if (await process.WaitAsync() == 0)
            {
                return;
            }
        }

        Assert.Fail($"the harness on {state} did not complete after restarts");
    }

    /// <summary>Polls the ledger until it has <paramref name="lines"/> lines or the process ends (bounded).</summary>
    private static async Task WaitForLinesAsync(HarnessProcess process, string ledger, int lines)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!process.HasExited && LineCount(ledger) < lines && DateTime.UtcNow < deadline)
        {
            await Task.Delay(2);
        }
    }

    private static int LineCount(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var count = 0;
        var buffer = new byte[1 << 16];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            count += buffer.AsSpan(0, read).Count((byte)'\n');
        }

        return count;
    }
}

using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Lumen.Core.Ledger;
using Lumen.Integration.Tests.TestKit;

namespace Lumen.Integration.Tests.Live;

/// <summary>
/// <c>lumen run</c> as a child process against a real Prometheus that holds 24 h of the demo service's
/// history, written into its storage with promtool before it started: the start-up backfill lets the
/// mapper decide at the first tick, and after <c>kill -9</c> and a restart it decides at the first tick
/// again (the saved history is restored and only the time the process was down is read).
/// </summary>
public sealed class BackfillProcessTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Run_With24hOfHistoryInPrometheus_DecidesAtTheFirstTickAndAgainAfterSigkill()
    {
        Assert.True(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS(), "SIGKILL needs a Unix");
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        await using var baseline = await DemoInstance.StartAsync(LiveFixture.Service, "baseline", seed: 1, LiveFixture.TimeScale, LiveFixture.AdminToken);
        await using var canary = await DemoInstance.StartAsync(LiveFixture.Service, "canary", seed: 2, LiveFixture.TimeScale, LiveFixture.AdminToken);
        var history = OpenMetricsHistory.Text([LiveFixture.Service], ["baseline", "canary"],
            DateTimeOffset.UtcNow.AddSeconds(-5), TimeSpan.FromHours(24), TimeSpan.FromMinutes(1));
        await using var prometheus = await HistoryPrometheus.StartAsync(history, [baseline.Url, canary.Url], http);
        using var config = LiveConfig.Write(prometheus.Url, canary.AdminUrl, baseline.AdminUrl, intervalSeconds: 30, window: "5m");
        var env = new Dictionary<string, string>
        {
            [LiveConfig.TokenEnv] = LiveFixture.AdminToken,
            ["LUMEN_CONFIG_DIR"] = config.ConfigDir,
            ["LUMEN_STATE_DIR"] = config.StateDir,
            ["DRY_RUN"] = "1",
        };
        var ledger = Path.Combine(config.StateDir, "proof_ledger.jsonl");

        using (var first = LumenProcess.Start(env, "run", "--stage", "dev", "--port", LoopbackPort.Unbound().ToString(CultureInfo.InvariantCulture)))
        {
            var start = await FirstTickOfRunAsync(ledger, first, afterSeq: 0);
            Assert.True(start.Decided, $"no decision at the first tick ({start.Tick}); not mapped: {start.NotMapped}\n{first.Output}");
            Assert.Contains("backfill: checkout: ", first.Output, StringComparison.Ordinal);
            Assert.Contains("mapper ready", first.Output, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(config.StateDir, "history", "canary.json")), "the backfilled history is saved at once");
            Assert.Equal(0, Kill(first.Id, 9));
            await first.WaitAsync(Limit);
        }

        var before = ReadLedger(ledger).Max(e => e.Seq);
        using var second = LumenProcess.Start(env, "run", "--stage", "dev", "--port", LoopbackPort.Unbound().ToString(CultureInfo.InvariantCulture));
        var restart = await FirstTickOfRunAsync(ledger, second, afterSeq: before);
        Assert.True(restart.Decided, $"no decision at the first tick after the restart ({restart.Tick}); not mapped: {restart.NotMapped}\n{second.Output}");
        Assert.Contains("point(s) restored", second.Output + string.Join("\n", restart.Notes), StringComparison.Ordinal);
        // Only the time the process was down is read again, not the whole day.
        Assert.DoesNotContain("backfill: read 24", second.Output, StringComparison.Ordinal);
        Assert.Equal(0, Kill(second.Id, 15));
        Assert.Equal(0, await second.WaitAsync(Limit));
    }

    private sealed record RunStart(long Tick, bool Decided, string? NotMapped, IReadOnlyList<string> Notes);

    /// <summary>Waits for the first <c>tick</c> entry after this run's <c>config.loaded</c>, and says whether a decision came before it.</summary>
    private static async Task<RunStart> FirstTickOfRunAsync(string ledger, LumenProcess run, long afterSeq)
    {
        var entries = await Poll.UntilAsync(() =>
        {
            Assert.False(run.HasExited, run.Output);
            return Task.FromResult(File.Exists(ledger) ? ReadLedger(ledger) : []);
        }, e => e.Any(x => x.Seq > afterSeq && x.Kind == LedgerKinds.Tick), "the run's first tick", attempts: 300, delayMs: 200);
        var loaded = entries.Last(e => e.Seq > afterSeq && e.Kind == LedgerKinds.ConfigLoaded);
        var tick = entries.First(e => e.Seq > loaded.Seq && e.Kind == LedgerKinds.Tick);
        var number = tick.Data.GetProperty("tick").GetInt64();
        var decided = entries.Any(e => e.Seq > loaded.Seq && e.Seq < tick.Seq && e.Kind == LedgerKinds.Decision
            && e.Data.GetProperty("tick").GetInt64() == number);
        var observation = entries.Last(e => e.Seq > loaded.Seq && e.Seq < tick.Seq && e.Kind == LedgerKinds.Observation);
        var notMapped = observation.Data.TryGetProperty("not_enough_history", out var n) ? n.ToString() : null;
        var notes = loaded.Data.GetProperty("notes").EnumerateArray().Select(x => x.GetString() ?? "").ToList();
        return new RunStart(number, decided, notMapped, notes);
    }

    /// <summary>The ledger as far as it is written: a last line being appended is left for the next poll.</summary>
    private static List<LedgerEntry> ReadLedger(string path)
    {
        var list = new List<LedgerEntry>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            if (!LedgerEntryParser.TryParse(Encoding.UTF8.GetBytes(line), out var entry, out _))
            {
                break;
            }

            list.Add(entry!);
        }

        return list;
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}

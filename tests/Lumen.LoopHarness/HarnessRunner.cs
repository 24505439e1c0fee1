using System.Globalization;
using System.Text;
using Lumen.Adapters.Config;
using Lumen.Adapters.Executors;
using Lumen.Adapters.FileSystem;
using Lumen.Adapters.LedgerStore;
using Lumen.Adapters.Textfile;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;
using Lumen.Core.Sli;
using Lumen.Runtime.Crash;
using Lumen.TestKit;
using Lumen.Runtime.Loop;

namespace Lumen.LoopHarness;

/// <summary>
/// Runs the real loop against <c>STATE/target.env</c> (the <c>file</c> executor, so the target's value
/// survives a crash) and a scripted source, in simulated time: tick i runs at <see cref="Start"/> + i ×
/// interval, and i continues from the ledger's last <c>tick</c> entry, so a restarted process redoes
/// the interrupted tick at the same time. After <c>--ticks</c> ticks it stops making adjustments and
/// ticks on until none is open, then exits 0.
/// </summary>
internal static class HarnessRunner
{
    public static readonly DateTimeOffset Start = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);
    public const string TargetFile = "target.env";
    private const int DrainLimit = 50;

    public static async Task<int> RunAsync(HarnessArguments args)
    {
        Directory.CreateDirectory(args.StateDirectory);
        var interval = TimeSpan.FromSeconds(args.SecondsPerTick);
        var target = Path.Combine(args.StateDirectory, TargetFile);
        if (!File.Exists(target))
        {
            var temp = target + ".new";
            await File.WriteAllTextAsync(temp, $"{HarnessConfig.Knob}={HarnessConfig.KnobDefault.ToString(CultureInfo.InvariantCulture)}\n");
            File.Move(temp, target, overwrite: true);
        }

        var ledgerPath = Path.Combine(args.StateDirectory, FileLedgerStoreOptions.DefaultFileName);
        var clock = new ManualClock(Start + (LastTick(ledgerPath) * interval));
        await using var ledger = await FileLedgerStore.OpenAsync(new FileLedgerStoreOptions(ledgerPath), clock);
        var source = new ScriptedSliSource([HarnessConfig.Service], args.Trials ? TrialScript(interval, target) : Script(interval));
        var executor = new FileExecutor(new FileExecutorOptions(target, ConfigFileFormat.Env));
        var config = HarnessConfig.Create(intervalSeconds: args.SecondsPerTick, ttlMinutes: args.Trials ? 5 : 1);
        var options = new LoopOptions(args.Trials ? config with { FeedbackRules = new Core.Policy.FeedbackRuleSet([]) } : config, HarnessConfig.Stage)
        {
            Rhythm = HarnessConfig.Rhythm,
            SnapshotEveryTicks = 4,
            CrashAt = ProcessEnvironmentVariables.Instance.Get(CrashHook.EnvVar),
            Tuner = args.Trials ? TunerKind.Lumen : TunerKind.LinUcb,
            TrialMeasure = TimeSpan.FromSeconds(2 * args.SecondsPerTick),
            BanditSeed = 5,
        };
        var ports = new LoopPorts(source, new Dictionary<string, IExecutor> { [HarnessConfig.Service] = executor },
            new Dictionary<string, IExecutor>(), ledger, new TextfilePublisher(args.StateDirectory),
            new StateDirectory(args.StateDirectory), clock);
        var loop = await LoopBuilder.BuildAsync(options, ports, CancellationToken.None);
        while (true)
        {
            var tick = loop.NextTick;
            if (tick > args.Ticks)
            {
                loop.AcceptNewAdjustments = false;
                if (loop.Book.Open.IsEmpty)
                {
                    return 0;
                }

                if (tick > args.Ticks + DrainLimit)
                {
                    await Console.Error.WriteLineAsync($"adjustments still open after {DrainLimit} drain ticks");
                    return 3;
                }
            }

            clock.Set(Start + (tick * interval));
            await loop.TickAsync(CancellationToken.None);
        }
    }

    /// <summary>p95 900 ms against a 500 ms SLO (the rule raises the knob), with every fifth tick's query failing.</summary>
    private static Func<string, string, DateTimeOffset, TrackReadings> Script(TimeSpan interval) => (service, track, now) =>
    {
        var tick = (now - Start).Ticks / interval.Ticks;
        return tick % 5 == 3
            ? ScriptedSliSource.Broken(service, track, SliStatus.Error)
            : ScriptedSliSource.Ok(service, track, 900, 0.01, 100 + (tick % 7));
    };

    /// <summary>
    /// For the tuner: the canary's p95 falls as the knob (read from the target file) rises to 48 and
    /// climbs beyond it; the baseline stays at 900 ms; every fifth tick's query fails.
    /// </summary>
    private static Func<string, string, DateTimeOffset, TrackReadings> TrialScript(TimeSpan interval, string target) => (service, track, now) =>
    {
        var tick = (now - Start).Ticks / interval.Ticks;
        if (tick % 5 == 3)
        {
            return ScriptedSliSource.Broken(service, track, SliStatus.Error);
        }

        var line = File.ReadAllText(target).Trim();
        var knob = double.Parse(line[(line.IndexOf('=', StringComparison.Ordinal) + 1)..], CultureInfo.InvariantCulture);
        var p95 = track == SliTracks.Canary ? 600 + (15 * Math.Abs(knob - 48)) : 900;
        return ScriptedSliSource.Ok(service, track, p95, 0.01, 100 + (tick % 7));
    };

    /// <summary>The number of the last <c>tick</c> entry (0 when none); a torn last line is skipped (the store repairs it).</summary>
    internal static long LastTick(string ledgerPath)
    {
        if (!File.Exists(ledgerPath))
        {
            return 0;
        }

        long last = 0;
        foreach (var line in File.ReadLines(ledgerPath))
        {
            if (LedgerEntryParser.TryParse(Encoding.UTF8.GetBytes(line), out var entry, out _)
                && entry!.Kind == LedgerKinds.Tick && entry.Data.TryGetProperty("tick", out var t) && t.TryGetInt64(out var n))
            {
                last = n;
            }
        }

        return last;
    }
}

using System.Diagnostics;
using Lumen.Adapters.LedgerStore;
using Lumen.Adapters.Textfile;
using Lumen.Cli.Composition;
using Lumen.Core.Adjustments;
using Lumen.Core.Canary;
using Lumen.Core.Ledger;
using Lumen.Reports;
using Lumen.Reports.Charts;
using Lumen.Reports.Digest;
using Lumen.Reports.Ledger;
using Lumen.Reports.Markdown;
using Lumen.Runtime.Loop;
using Lumen.Simulator.Environments;
using Lumen.Simulator.Loop;
using Lumen.Simulator.World;

namespace Lumen.Cli.Demo;

/// <summary>
/// Runs the real control loop (<see cref="LoopBuilder"/>, <see cref="ControlLoop.TickAsync"/>) over the
/// simulator: its SLI source, <c>sim</c> executors on both tracks of every service, the file ledger
/// (deferred durability: simulated time, see docs/demo.md), the textfile publisher, and the
/// simulated clock. Then the report and charts from the ledger it wrote.
/// </summary>
internal static class DemoRunner
{
    public static async Task<DemoResult> RunAsync(SimEnvironment environment, DemoOptions options, Action<DemoProgress> progress,
        CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(options.OutputDirectory);
        Directory.CreateDirectory(output);
        var ledgerPath = Path.Combine(output, FileLedgerStoreOptions.DefaultFileName);
        Clean(output, ledgerPath);

        var world = new SimulatedWorld(environment, options.Seed);
        var clock = new SimulatedClock(world);
        var ticks = Math.Max(1, (long)Math.Round(options.Days * 86400 / environment.TickSeconds));
        var stopwatch = Stopwatch.StartNew();
        var textfile = new TextfilePublisher(output);
        var sink = new ThrottledSink(textfile, clock, TimeSpan.FromMinutes(15));
        var state = new MemoryStateFiles();
        var store = await FileLedgerStore.OpenAsync(new FileLedgerStoreOptions(ledgerPath)
        {
            Durability = LedgerDurability.Deferred,
            HeadInterval = TimeSpan.FromHours(1),
            Actor = "lumen-demo",
        }, clock, cancellationToken).ConfigureAwait(false);
        var ledger = new ObservingLedger(store);
        DemoLastActResult? lastAct = null;
        try
        {
            await ledger.AppendAsync(new LedgerDraft(RunDigest.DemoStartedKind, DemoConfig.Stage, null, "lumen-demo", LedgerData.From(new
            {
                env = environment.Name,
                seed = options.Seed,
                days = options.Days,
                tick_seconds = environment.TickSeconds,
                policy = options.Tuner == TunerKind.Lumen
                    ? "the Lumen tuner (value-level trials around the incumbent) with the guard; no feedback rules"
                    : "LinUCB (α 0.05) with the guard; no feedback rules",
            })), cancellationToken).ConfigureAwait(false);
            var ports = LoopParts.Simulated(world, ledger, sink, state, clock);
            var loop = await LoopBuilder.BuildAsync(LoopParts.SimulatedOptions(DemoConfig.For(environment), "lumen-demo", options.Seed) with
            {
                Tuner = options.Tuner,
            }, ports, cancellationToken).ConfigureAwait(false);
            for (long tick = 1; tick <= ticks; tick++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                world.Advance();
                await loop.TickAsync(cancellationToken).ConfigureAwait(false);
                progress(new DemoProgress(tick, ticks, world.Now, world, ledger, loop.Book.Open.Count, stopwatch.Elapsed));
            }

            // Drain: no new trials; the open ones are judged (kept or restored) or expire, so the
            // canary holds its incumbent, the learnt configuration the last act checks and promotes.
            loop.AcceptNewAdjustments = false;
            var drainLimit = (long)Math.Ceiling(DemoConfig.For(environment).StageMatrix.Stages[0].Policy.Ttl.TotalSeconds / environment.TickSeconds) + 2;
            for (long extra = 0; extra < drainLimit && loop.Book.Open.Count > 0; extra++)
            {
                world.Advance();
                await loop.TickAsync(cancellationToken).ConfigureAwait(false);
            }

            if (options.LastAct)
            {
                var started = stopwatch.Elapsed;
                lastAct = await DemoLastAct.RunAsync(world, DemoConfig.For(environment).StageMatrix.Stages[0].Slo, ledger, clock, output, cancellationToken,
                        options.Ask, options.Approver, loop.Book)
                    .ConfigureAwait(false);
                lastAct = lastAct with { Elapsed = stopwatch.Elapsed - started };
            }

            await sink.FlushAsync(cancellationToken).ConfigureAwait(false);
            await loop.WriteTunerAsync(cancellationToken).ConfigureAwait(false);
            await state.SaveAllAsync(output, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await ledger.DisposeAsync().ConfigureAwait(false);
        }

        var counts = new[]
        {
            LedgerKinds.Decision, LedgerKinds.AdjustmentApplied, LedgerKinds.AdjustmentExpired, LedgerKinds.AdjustmentRolledBack,
            LedgerKinds.AdjustmentFailed, LedgerKinds.RewardObserved,
            LedgerKinds.CanaryDecision, LedgerKinds.ApprovalGranted, LedgerKinds.PromotionApplied, LedgerKinds.CanaryRolledBack,
        }.ToDictionary(k => k, ledger.Count, StringComparer.Ordinal);
        var reportPath = Path.Combine(output, ReportRunner.ReportFileName);
        var read = LedgerEntryFile.Read(ledgerPath);
        var digest = RunDigest.From(read.Entries);
        var verification = LedgerVerification.Run(ledgerPath);
        var charts = ChartRenderer.RenderAll(digest, Path.Combine(output, ReportRunner.ChartsFolder), read.Entries);
        var markdown = DemoReportWriter.Write(digest, verification, charts, reportPath, Path.GetFileName(ledgerPath), read.Entries);
        await File.WriteAllTextAsync(reportPath, markdown, cancellationToken).ConfigureAwait(false);
        var health = digest.ServiceNames.Select(s => (s,
            Attainment(digest, s, p => p.Canary), Attainment(digest, s, p => p.Baseline))).ToList();
        return new DemoResult(ledgerPath, textfile.FilePath, reportPath, [.. charts.Select(c => c.Path)], verification, ticks,
            stopwatch.Elapsed, counts, health, lastAct);
    }

    private static double Attainment(RunDigest digest, string service, Func<ObservationPoint, TrackSli> track) =>
        SloAttainment.Of(digest.Observations[service], digest.Info.Slo, track).MeanHealth ?? double.NaN;

    /// <summary>Every demo starts fresh: the previous run's ledger, head, report, charts and metrics go.</summary>
    private static void Clean(string output, string ledgerPath)
    {
        foreach (var file in new[]
                 {
                     ledgerPath, FileLedgerStoreOptions.DefaultHeadPath(ledgerPath), ledgerPath + ".lock",
                     Path.Combine(output, ReportRunner.ReportFileName), Path.Combine(output, TextfilePublisher.DefaultFileName),
                 })
        {
            File.Delete(file);
        }

        var charts = Path.Combine(output, ReportRunner.ChartsFolder);
        if (Directory.Exists(charts))
        {
            Directory.Delete(charts, recursive: true);
        }

        var canary = Path.Combine(output, DemoLastAct.Folder);
        if (Directory.Exists(canary))
        {
            Directory.Delete(canary, recursive: true);
        }

        var models = Path.Combine(output, "models");
        if (Directory.Exists(models))
        {
            Directory.Delete(models, recursive: true);
        }
    }
}

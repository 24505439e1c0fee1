using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Lumen.Core.Adjustments;
using Lumen.Core.Decisions.Reward;
using Lumen.Core.Decisions.Rules;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Runtime.Crash;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The control loop (docs/loop.md, docs/loop.md). One <see cref="TickAsync"/> is a checklist of named
/// steps over the ports; each step is in its own partial file. A tick is level-triggered: it reads the
/// world (SLIs, the knobs' actual values, the ledger-built <see cref="AdjustmentBook"/>) and acts, and a
/// tick after a crash does exactly what any tick does. Time comes only from the injected clock.
/// Not thread-safe: one tick at a time. Build it with <see cref="LoopBuilder"/>.
/// </summary>
public sealed partial class ControlLoop
{
    private readonly LoopOptions _options;
    private LoopPorts _ports;
    private readonly CrashHook _crash;
    private readonly StageConfig _stage;
    private readonly IReadOnlyList<ServiceMemory> _services;
    private readonly Dictionary<string, ServiceMemory> _servicesByName;
    private readonly RidgeRewardModel? _rewardModel;
    private readonly Dictionary<(string Service, string Sli, string Status), StrongBox<long>> _readingCounts = [];
    private AdjustmentBook _book;
    // The rules' memory for every (rule, service), updated in place by the tick's decide step.
    private readonly Dictionary<(string Rule, string Service), RuleTrack> _rules = [];
    private double? _lastSuccessUnixSeconds;
    private long _ledgerWriteFailures;

    internal ControlLoop(LoopOptions options, LoopPorts ports, CrashHook crash, AdjustmentBook book,
        IReadOnlyList<ServiceMemory> services, RidgeRewardModel? rewardModel, Coordination.HoldingsCell holdings)
    {
        _holdings = holdings;
        if (ports.Coordinator is not Core.Coordination.LocalCoordinator)
        {
            _holdings.BeforeWrite = PublishHandoverAsync;
        }
        _options = options;
        _ports = ports;
        _crash = crash;
        _stage = options.StageConfig;
        _book = book;
        _services = services;
        _servicesByName = services.GroupBy(s => s.Service.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _rewardModel = rewardModel;
    }

    /// <summary>The adjustments as the ledger says they are (after the last entry this loop wrote or read).</summary>
    public AdjustmentBook Book => _book;

    /// <summary>The number the next tick gets (the last <c>tick</c> entry's number + 1).</summary>
    public long NextTick => _book.LastTick + 1;

    /// <summary>
    /// When false, the decide step is skipped: no new adjustments, while reconciliation and TTL
    /// rollbacks go on (a drain before shutdown; the crash harness's last ticks). Default true.
    /// </summary>
    public bool AcceptNewAdjustments { get; set; } = true;

    /// <summary>
    /// One tick: leases → collect → map → observe → rewards (LinUCB) or measure and judge trials (the value-level tuner) → decide → guard → record decisions → execute
    /// (intent → set → read back → outcome) → reconcile (open intents, brake, TTL and retried
    /// restores) → publish → tick entry → snapshot. Ledger write failures throw (the store is then
    /// faulted and the process must stop); everything else a tick meets is a problem in its report.
    /// </summary>
    public async Task<TickReport> TickAsync(CancellationToken cancellationToken)
    {
        var now = _ports.Time.GetUtcNow();
        var held = await CoordinateAsync(now, cancellationToken).ConfigureAwait(false);
        var tick = new TickContext(NextTick, now, _ports.Time.GetTimestamp(), [.. held.Select(s => new ServiceTick(s))]);
        await RenewLeasesAsync(tick, cancellationToken).ConfigureAwait(false);
        await RestoreDueAsync(tick, cancellationToken).ConfigureAwait(false);
        await CollectAsync(tick, cancellationToken).ConfigureAwait(false);
        Map(tick);
        await RecordObservationsAsync(tick, cancellationToken).ConfigureAwait(false);
        if (Trials)
        {
            await MeasureTrialsAsync(tick, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ObserveRewardsAsync(tick, cancellationToken).ConfigureAwait(false);
        }

        Decide(tick);
        Guard(tick);
        await RecordDecisionsAsync(tick, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(tick, cancellationToken).ConfigureAwait(false);
        await ReconcileAsync(tick, cancellationToken).ConfigureAwait(false);
        await PublishAsync(tick, cancellationToken).ConfigureAwait(false);
        await RecordTickAsync(tick, cancellationToken).ConfigureAwait(false);
        await SnapshotIfDueAsync(tick, cancellationToken).ConfigureAwait(false);
        UpdateSafetyFaults();
        return tick.Report();
    }

    /// <summary>Ledger appends that failed since this loop was built (published as <c>lumen_ledger_write_failures_total</c>).</summary>
    public long LedgerWriteFailures => Interlocked.Read(ref _ledgerWriteFailures);

    /// <summary>Appends one entry and folds it into the book, so the book always matches the ledger.</summary>
    private Task<LedgerEntry> AppendAsync(TickContext? tick, string kind, string? service, JsonElement data,
        CancellationToken cancellationToken) =>
        AppendAsync(tick, new LedgerDraft(kind, _options.Stage, service, _options.Actor, data), cancellationToken);

    private async Task<LedgerEntry> AppendAsync(TickContext? tick, LedgerDraft draft, CancellationToken cancellationToken)
    {
        LedgerEntry entry;
        try
        {
            entry = await _ports.Ledger.AppendAsync(draft, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (CountsAsWriteFailure(e))
        {
            Interlocked.Increment(ref _ledgerWriteFailures);
            UpdateSafetyFaults();
            throw;
        }

        Fold(tick, entry);
        return entry;
    }

    /// <summary>
    /// Appends entries that do not depend on one another (a tick's observations, one per service) all at
    /// once, so they share the store's group commit: one write and one fsync for the lot, where awaiting
    /// each before the next cost one fsync per service per tick (docs/ledger.md, "Durability"). They are
    /// sequenced in the order given and folded into the book in that order, each one that was written;
    /// the first failure is thrown once all have finished.
    /// </summary>
    private async Task AppendAllAsync(TickContext tick, IReadOnlyList<LedgerDraft> drafts, CancellationToken cancellationToken)
    {
        var pending = _ports.Ledger.AppendAll(drafts, cancellationToken);

        Exception? first = null;
        var failures = 0;
        foreach (var append in pending)
        {
            try
            {
                Fold(tick, await append.ConfigureAwait(false));
            }
            catch (Exception e)
            {
                first ??= e;
                failures += CountsAsWriteFailure(e) ? 1 : 0;
            }
        }

        if (failures > 0)
        {
            Interlocked.Add(ref _ledgerWriteFailures, failures);
            UpdateSafetyFaults();
        }

        if (first is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(first);
        }
    }

    private static bool CountsAsWriteFailure(Exception e) => e is not OperationCanceledException and not ArgumentException;

    private void Fold(TickContext? tick, LedgerEntry entry)
    {
        _book = _book.Apply(entry);
        tick?.Wrote(entry);
    }

    /// <summary>Folds an entry written on the loop's behalf (the builder's <c>config.loaded</c>).</summary>
    internal void Folded(LedgerEntry entry) => _book = _book.Apply(entry);

    private KnobSpec? Knob(string service, string knob) =>
        _servicesByName.GetValueOrDefault(service)?.Service.FindKnob(knob);

    /// <summary>Finite numbers only: JSON has no NaN, and an unknown value is null, never 0.</summary>
    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    private static ImmutableArray<double>? Finite(ImmutableArray<double> values) =>
        values.IsDefault || values.Any(v => !double.IsFinite(v)) ? null : values;
}

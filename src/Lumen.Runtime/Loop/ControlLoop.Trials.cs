using System.Collections.Immutable;
using Lumen.Core.Adjustments;
using Lumen.Core.Decisions.Tuner;
using Lumen.Core.Guard;
using Lumen.Core.Ledger;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The value-level tuner's steps (docs/loop.md, "Trials"): measure the blocks in progress and judge
/// those that are done (keep the trial as the new incumbent, or restore the incumbent), and choose
/// the next block for every service that is idle and settled.
/// </summary>
public sealed partial class ControlLoop
{
    private bool Trials => _options.Tuner == TunerKind.Lumen;

    /// <summary>
    /// Step 4 (value-level tuner): for every service, a trial whose block was lost (a restart) is
    /// dropped and restored; a block whose trial was disturbed (a failed apply, the brake, the TTL, a
    /// change by a rule) is dropped; otherwise the tick's score gap is added once the knobs have
    /// settled, and a block whose measurement period has ended, or whose trial is far worse than the
    /// incumbent, is learnt and judged.
    /// </summary>
    private async Task MeasureTrialsAsync(TickContext tick, CancellationToken cancellationToken)
    {
        var learnt = false;
        foreach (var service in tick.Services)
        {
            var memory = service.Memory;
            if (memory.Tuner is not { } tuner)
            {
                continue;
            }

            foreach (var orphan in OrphanTrials(service.Name, memory.Block?.Trial))
            {
                await JudgedAsync(tick, service.Name, orphan, null, null, "dropped",
                    "the trial's measurement was lost (the loop restarted); the incumbent is restored", cancellationToken).ConfigureAwait(false);
            }

            if (memory.Block is not { } block)
            {
                continue;
            }

            if (block.Trial == ShadowTrial)
            {
                memory.Block = tick.Now >= block.MeasureUntil ? null : block;
                continue;
            }

            if (Disturbed(service, block) is { } disturbed)
            {
                memory.Block = null;
                await JudgedAsync(tick, service.Name, block.Trial, block, null, "dropped", disturbed, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (tick.Now >= block.MeasureFrom)
            {
                if (Gap(service) is { } gap)
                {
                    block.Add(gap);
                }
                else
                {
                    block.Skipped++;
                }
            }

            var aborted = block.Trial is not null && block.Count >= 2
                && block.Mean < block.Choice.Mean[0] - tuner.Settings.AbortGap;
            if (!aborted && tick.Now < block.MeasureUntil)
            {
                continue;
            }

            memory.Block = null;
            var expected = Math.Max(1, (int)Math.Round((block.MeasureUntil - block.MeasureFrom) / _stage.Policy.Interval));
            if (!aborted && block.Count < Math.Max(2, (expected + 1) / 2))
            {
                await JudgedAsync(tick, service.Name, block.Trial, block, null, "dropped",
                    $"only {block.Count} of {expected} interval(s) had fresh data on both tracks", cancellationToken).ConfigureAwait(false);
                continue;
            }

            var variance = double.IsFinite(block.VarianceOfMean) ? block.VarianceOfMean : tuner.Settings.SignalSd * tuner.Settings.SignalSd;
            var judgement = tuner.Learn(block.Values, block.Incumbent, block.Choice.Context, block.Mean, variance);
            learnt = true;
            var outcome = block.Trial is null ? "hold" : aborted ? "aborted" : judgement.Keep ? "kept" : "not_better";
            var reason = outcome switch
            {
                "hold" => "the incumbent was measured",
                "aborted" => FormattableString.Invariant($"the trial's mean gap {block.Mean:0.###} fell more than {tuner.Settings.AbortGap} below the incumbent's expected {block.Choice.Mean[0]:0.###}; ended early"),
                "kept" => FormattableString.Invariant($"better than the incumbent by {judgement.Gain:0.####} ± {judgement.GainSd:0.####} (P {judgement.ProbabilityBetter:0.###})"),
                _ => FormattableString.Invariant($"not shown better than the incumbent (gain {judgement.Gain:0.####} ± {judgement.GainSd:0.####}, P {judgement.ProbabilityBetter:0.###})"),
            };
            await JudgedAsync(tick, service.Name, block.Trial, block, judgement, outcome, reason, cancellationToken).ConfigureAwait(false);
            if (outcome == "kept")
            {
                await KeepAsync(tick, service.Name, block.Trial!, cancellationToken).ConfigureAwait(false);
            }
        }

        _tunerUnsaved |= learnt;
        if (_tunerUnsaved && (_tunerSavedAt is not { } saved || tick.Tick - saved >= Math.Max(1, _options.TunerSaveEveryTicks)))
        {
            await WriteTunerAsync(cancellationToken).ConfigureAwait(false);
            _tunerSavedAt = tick.Tick;
        }
    }

    private bool _tunerUnsaved;
    private long? _tunerSavedAt;

    /// <summary>Saves the value-level tuner's state now if a block was learnt since the last save (also used at shutdown).</summary>
    public async Task WriteTunerAsync(CancellationToken cancellationToken)
    {
        if (!_tunerUnsaved)
        {
            return;
        }

        await TunerStore.SaveAsync(_ports.StateFiles, _services, cancellationToken).ConfigureAwait(false);
        _tunerUnsaved = false;
    }

    /// <summary>The trial id of shadow mode's blocks: paced like real trials, never measured.</summary>
    private const string ShadowTrial = "shadow";

    /// <summary>Open, applied trial adjustments of a service whose trial is not the block in memory.</summary>
    private IReadOnlyList<string> OrphanTrials(string service, string? current) =>
        _book.OpenCount(service) == 0 ? [] : [.. _book.OpenOf(service)
            .Where(a => a.Intent.Trial is { } t && t != current
                && a.State == AdjustmentState.Applied && a.RollbackCause is null)
            .Select(a => a.Intent.Trial!)
            .Distinct(StringComparer.Ordinal)];

    /// <summary>Why a block can no longer be judged fairly, or null. Runs for every service in a block every tick: no closures, no keys built.</summary>
    private string? Disturbed(ServiceTick service, TrialBlock block)
    {
        var keys = service.Memory.KnobKeys;
        if (block.Trial is null)
        {
            // A hold measures the incumbent: any change to the service since it started spoils it.
            for (var k = 0; k < keys.Length; k++)
            {
                if (ChangedSince(keys[k], block.Started))
                {
                    return "a knob of the service changed during the hold";
                }
            }

            return null;
        }

        var mine = _book.OpenOfTrial(block.Trial).ToList();
        var moved = TrialTuner.Changed(block.Values, block.Incumbent);
        if (mine.Count < moved)
        {
            return "an adjustment of the trial ended before the trial was judged (failed, expired or rolled back)";
        }

        foreach (var a in mine)
        {
            if (a.State == AdjustmentState.FailedNeedsRestore || a.RollbackCause is not null)
            {
                return $"adjustment {a.Id} is being restored ({a.RollbackCause ?? "failed apply"})";
            }
        }

        if (block.Values.IsDefault)
        {
            return null;
        }

        var names = service.Memory.KnobNames;
        for (var k = 0; k < keys.Length; k++)
        {
            if (ChangedSince(keys[k], block.Started) && !Moves(mine, names[k]))
            {
                return "another knob of the service changed during the trial";
            }
        }

        return null;
    }

    private static bool Moves(List<Adjustment> adjustments, string knob)
    {
        foreach (var a in adjustments)
        {
            if (a.Knob == knob)
            {
                return true;
            }
        }

        return false;
    }

    private bool ChangedSince(string knobKey, DateTimeOffset since) =>
        _book.LastChanges.TryGetValue(knobKey, out var at) && at > since;

    /// <summary>This tick's score gap (canary − baseline; the canary alone when the source has no baseline), or null.</summary>
    private double? Gap(ServiceTick service)
    {
        if (service.Freshness != DataFreshness.Fresh || service.Canary is not { } canary)
        {
            return null;
        }

        var settings = _options.Tuning;
        var slo = _stage.Slo;
        if (TrialScore.Of(canary.P95Ms.Value, canary.ErrorRate.Value, slo.LatencyP95Ms, slo.ErrorRate, settings) is not { } c)
        {
            return null;
        }

        if (service.Baseline is not { } baseline)
        {
            return c;
        }

        return TrialScore.Of(baseline.P95Ms.Value, baseline.ErrorRate.Value, slo.LatencyP95Ms, slo.ErrorRate, settings) is { } b ? c - b : null;
    }

    /// <summary>Writes <c>trial.judged</c>: the verdict with its evidence (docs/ledger-entries.md).</summary>
    private async Task JudgedAsync(TickContext tick, string service, string? trial, TrialBlock? block, TrialJudgement? judgement,
        string outcome, string reason, CancellationToken cancellationToken)
    {
        var knobs = Knobs(service);
        var data = new Dictionary<string, object?>
        {
            ["trial"] = trial,
            ["hold"] = trial is null,
            ["outcome"] = outcome,
            ["reason"] = reason,
        };
        if (block is not null)
        {
            data["decision"] = block.Choice.Number;
            data["probability"] = block.Choice.Probability;
            data["x"] = block.Choice.Context.ToArray();
            data["values"] = Named(knobs, block.Values);
            data["incumbent"] = Named(knobs, block.Incumbent);
            data["started"] = LedgerTime.ToText(block.Started);
            data["intervals"] = block.Count;
            data["skipped"] = block.Skipped;
            data["gap"] = Finite(block.Count > 0 ? block.Mean : null);
            data["gap_se"] = Finite(block.Count > 1 ? Math.Sqrt(block.VarianceOfMean) : null);
        }

        if (judgement is not null && trial is not null)
        {
            data["gain"] = Finite(judgement.Gain);
            data["gain_sd"] = Finite(judgement.GainSd);
            data["p_better"] = Finite(judgement.ProbabilityBetter);
        }

        tick.Actions += outcome is "kept" or "not_better" or "aborted" ? 1 : 0;
        await AppendAsync(tick, new LedgerDraft(LedgerKinds.TrialJudged, _options.Stage, service, _options.Actor, CanonicalTree.From(data)),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each applied adjustment of a kept trial: <c>adjustment.kept</c>; its value is the knob's incumbent now.</summary>
    private async Task KeepAsync(TickContext tick, string service, string trial, CancellationToken cancellationToken)
    {
        foreach (var adjustment in _book.OpenOfTrial(trial).Where(a => a.State == AdjustmentState.Applied).ToList())
        {
            // The incumbent changes only by compare-and-set: the knob must still hold the trial's value.
            var value = adjustment.AppliedValue ?? adjustment.Intent.To;
            var read = await _ports.CanaryExecutors[service].GetAsync(adjustment.Knob, cancellationToken).ConfigureAwait(false);
            if (read.IsOk && !KnobValues.Same(read.Value, value))
            {
                await ConflictAsync(tick, adjustment.Intent, "keep", value, read.Value, read.WrittenBy, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await AppendAsync(tick, LedgerKinds.AdjustmentKept, service, LedgerData.From(new Dictionary<string, object?>
            {
                ["id"] = adjustment.Id,
                ["knob"] = adjustment.Knob,
                ["trial"] = trial,
                ["value"] = adjustment.AppliedValue ?? adjustment.Intent.To,
                ["previous"] = adjustment.Intent.From,
            }), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Decide (value-level tuner): a service that is fresh, mapped, idle (no block, no open
    /// adjustment) and settled gets its next block: the tuner draws a candidate around the
    /// incumbent, the canary's configuration at rest. Knobs in their cooldown stay put; a trial
    /// moves at most as many knobs as the stage has free adjustment slots (none free: a hold).
    /// </summary>
    private void DecideTrials(TickContext tick)
    {
        var policy = _stage.Policy;
        var free = policy.MaxActiveAdjustments - _book.Open.Count;
        foreach (var service in tick.Services)
        {
            var memory = service.Memory;
            if (memory.Tuner is not { } tuner || memory.Block is not null || !service.RuleProposals.IsEmpty || service.Freshness != DataFreshness.Fresh
                || service.Coordinates is not { } c || !service.AllKnobsRead || !HoldsLease(service.Name)
                || tick.RestoredEarly.Contains(service.Name)
                || _book.OpenCount(service.Name) > 0)
            {
                continue;
            }

            var knobs = memory.Service.Knobs;
            if (!Settled(memory, tick.Now))
            {
                continue;
            }

            var incumbent = knobs.Select(k => service.CanaryKnobs[k.Name]).ToImmutableArray();
            var movable = new bool[knobs.Length];
            for (var k = 0; k < movable.Length; k++)
            {
                movable[k] = !_book.LastChanges.TryGetValue(memory.KnobKeys[k], out var at) || tick.Now - at >= policy.Cooldown;
            }

            var choice = tuner.Choose(incumbent, TrialTuner.Context(c.Load, c.Phase), policy.DeltaClamp, Math.Max(0, free), movable);
            var moved = TrialTuner.Changed(choice.ChosenValues, incumbent);
            free -= moved;
            var changed = knobs.Where((k, i) => choice.ChosenValues[i] != incumbent[i]).ToList();
            var settle = moved == 0 ? TimeSpan.Zero : changed.Max(k => k.Settle);
            var measure = _options.TrialMeasure ?? (moved == 0 ? knobs.Min(k => k.Measure) : changed.Max(k => k.Measure));
            var from = tick.Now + settle;
            var trial = moved == 0 ? null : _options.EffectiveDryRun ? ShadowTrial : PendingTrial;
            memory.Block = new TrialBlock(trial, choice, incumbent, tick.Now, from, from + measure);
            service.TrialChoice = choice;
        }
    }

    /// <summary>Whether every knob of the service has settled since its last change (checked for every idle service every tick: no closures, no keys built).</summary>
    private bool Settled(ServiceMemory memory, DateTimeOffset now)
    {
        var knobs = memory.Service.Knobs;
        for (var k = 0; k < knobs.Length; k++)
        {
            if (_book.LastChanges.TryGetValue(memory.KnobKeys[k], out var at) && at + knobs[k].Settle > now)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The trial id until its first intent is written (then the intent's id).</summary>
    private const string PendingTrial = "pending";

    /// <summary>
    /// After the guard: a trial is all or nothing. When any knob of a service's trial was refused,
    /// the whole trial is withdrawn (its accepted knobs too) and its block cancelled.
    /// </summary>
    private void SettleTrialVerdicts(TickContext tick)
    {
        if (tick.Guard is not { } guard)
        {
            return;
        }

        var withRefusedTargets = guard.Rejected.Where(r => r.Proposal.Target is not null).Select(r => r.Proposal.Service).ToHashSet(StringComparer.Ordinal);
        var refused = tick.Services
            .Where(s => s.TrialChoice is { IsHold: false } && withRefusedTargets.Contains(s.Name))
            .Select(s => s.Name)
            .ToHashSet(StringComparer.Ordinal);
        if (refused.Count == 0)
        {
            return;
        }

        foreach (var service in tick.Services.Where(s => refused.Contains(s.Name)))
        {
            service.Memory.Block = null;
        }

        tick.Guard = guard with
        {
            Accepted = [.. guard.Accepted.Where(a => !(a.Proposal.Target is not null && refused.Contains(a.Proposal.Service)))],
        };
    }

    /// <summary>The tuner's proposals for the guard: one absolute target per knob the chosen trial moves.</summary>
    private static IEnumerable<Proposal> TrialProposals(ServiceTick service)
    {
        if (service.TrialChoice is not { IsHold: false } choice || service.Memory.Block is not { } block)
        {
            yield break;
        }

        var knobs = service.Memory.Service.Knobs;
        for (var i = 0; i < knobs.Length; i++)
        {
            if (choice.ChosenValues[i] != block.Incumbent[i])
            {
                var direction = choice.ChosenValues[i] > block.Incumbent[i] ? ChangeDirection.Increase : ChangeDirection.Decrease;
                yield return new Proposal(service.Name, knobs[i].Name, direction, ProposalSource.Bandit,
                    FormattableString.Invariant($"tuner: trial {Describe(knobs.Select(k => k.Name).ToList(), block.Incumbent, choice.ChosenValues)} (p {choice.Probability:0.###})"),
                    choice.ChosenValues[i]);
            }
        }
    }

    private static string Describe(IReadOnlyList<string> knobs, ImmutableArray<double> from, ImmutableArray<double> to) =>
        string.Join(", ", knobs.Select((k, i) => (k, i)).Where(t => from[t.i] != to[t.i])
            .Select(t => FormattableString.Invariant($"{t.k} {from[t.i]}→{to[t.i]}")));

    private IReadOnlyList<string> Knobs(string service) =>
        _servicesByName.GetValueOrDefault(service)?.KnobNames ?? [];

    private static Dictionary<string, object?> Named(IReadOnlyList<string> knobs, ImmutableArray<double> values) =>
        knobs.Select((k, i) => (k, i)).Where(t => t.i < values.Length).ToDictionary(t => t.k, t => (object?)values[t.i], StringComparer.Ordinal);
}

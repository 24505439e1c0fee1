using System.Runtime.CompilerServices;
using Lumen.Core.Adjustments;
using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Decisions.Tuner;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>What the loop remembers about one service between ticks: its history, its tuner (or bandit), the last reward.</summary>
internal sealed class ServiceMemory(ServiceConfig service, SliHistory history, LinUcbModel bandit, TrialTuner? tuner = null)
{
    public ServiceConfig Service { get; } = service;

    /// <summary>
    /// The loop's <c>lumen_sli_readings_total</c> counters of this service, by reading index (as
    /// <see cref="TrackReadings.ReadingAt"/>) and status: found in the loop's keyed
    /// counters once, then counted without hashing the three strings of the key per reading per tick.
    /// </summary>
    public StrongBox<long>?[] ReadingCounters { get; } = new StrongBox<long>?[MaxReadings * Statuses];

    // A track has at most 4 readings (p95, error rate, rps, saturation); SliStatus has 5 values.
    private const int MaxReadings = 4;
    private const int Statuses = (int)SliStatus.Error + 1;

    /// <summary>The slot of <see cref="ReadingCounters"/> for reading <paramref name="index"/> with <paramref name="status"/>; -1 for a status beyond the known ones.</summary>
    public static int ReadingSlot(int index, SliStatus status) =>
        (uint)status < Statuses ? (index * Statuses) + (int)status : -1;

    public SliHistory History { get; } = history;

    /// <summary>The names of the service's knobs, in configuration order (read every tick: made once).</summary>
    public string[] KnobNames { get; } = [.. service.Knobs.Select(k => k.Name)];

    /// <summary>The knobs' names in ordinal order, as the ledger's canonical form writes them (made once).</summary>
    public string[] KnobNamesOrdinal { get; } = [.. service.Knobs.Select(k => k.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>The indexes into <see cref="KnobNames"/> in the ordinal order of the names (a tuner's candidates list values in <see cref="KnobNames"/> order; the ledger writes them by name).</summary>
    public int[] KnobIndexOrdinal { get; } = [.. Enumerable.Range(0, service.Knobs.Length).OrderBy(i => service.Knobs[i].Name, StringComparer.Ordinal)];

    /// <summary>The book's <see cref="AdjustmentBook.LastChanges"/> keys of the knobs, in <see cref="KnobNames"/> order (read every tick: made once).</summary>
    public string[] KnobKeys { get; } = [.. service.Knobs.Select(k => AdjustmentBook.KnobKey(service.Name, k.Name))];

    /// <summary>The book's outcome keys of this service, in <see cref="AdjustmentBook.Outcomes"/> order (published every tick: made once).</summary>
    public string[] OutcomeKeys { get; } = [.. AdjustmentBook.Outcomes.Select(o => AdjustmentBook.OutcomeKey(service.Name, o))];

    /// <summary>The knob values read back in the current tick (<see cref="ServiceTick.CanaryKnobs"/>, emptied as each tick starts).</summary>
    public Dictionary<string, double> CanaryKnobs { get; } = new(StringComparer.Ordinal);

    /// <summary>The baseline's (<see cref="ServiceTick.BaselineKnobs"/>).</summary>
    public Dictionary<string, double> BaselineKnobs { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The service's rhythm options (<see cref="LoopOptions.RhythmFor"/>), made on the first map: the
    /// same instance every tick, so the window's running state is kept by reference, with no copy of
    /// the options and no comparison of them per service per tick.
    /// </summary>
    public RhythmOptions? Rhythm { get; set; }

    public LinUcbModel Bandit { get; set; } = bandit;

    /// <summary>The value-level tuner (null when the loop runs LinUCB).</summary>
    public TrialTuner? Tuner { get; } = tuner;

    /// <summary>The value-level tuner's block in progress; null between blocks.</summary>
    public TrialBlock? Block { get; set; }

    /// <summary>The last learning signal r (published as lumen_bandit_reward); null before the first.</summary>
    public double? LastReward { get; set; }

    /// <summary>The hold decision whose reward is due at its settle time; at most one at a time per service.</summary>
    public PendingHold? PendingHold { get; set; }
}

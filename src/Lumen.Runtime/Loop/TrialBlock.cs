using System.Collections.Immutable;
using Lumen.Core.Decisions.Tuner;

namespace Lumen.Runtime.Loop;

/// <summary>
/// A measurement block of the value-level tuner in progress for one service: a trial (or, when
/// <see cref="Trial"/> is null, the incumbent held and measured), the configuration measured and
/// the incumbent it is judged against, and the running sums of the per-interval score gap
/// (canary − baseline) over the measurement period. Lives in memory only: a restart drops the
/// block and restores its trial (the evidence is incomplete), never keeps it.
/// </summary>
internal sealed class TrialBlock(
    string? trial,
    TrialChoice choice,
    ImmutableArray<double> incumbent,
    DateTimeOffset started,
    DateTimeOffset measureFrom,
    DateTimeOffset measureUntil)
{
    /// <summary>The trial id (the id of its first adjustment); null for a hold block.</summary>
    public string? Trial { get; set; } = trial;

    public TrialChoice Choice { get; } = choice;

    public ImmutableArray<double> Values => Choice.ChosenValues;

    public ImmutableArray<double> Incumbent { get; } = incumbent;

    public DateTimeOffset Started { get; } = started;

    /// <summary>Samples taken at or after this time count (the knobs have settled).</summary>
    public DateTimeOffset MeasureFrom { get; } = measureFrom;

    /// <summary>The block is judged at the first tick at or after this time.</summary>
    public DateTimeOffset MeasureUntil { get; } = measureUntil;

    public int Count { get; private set; }

    public double Sum { get; private set; }

    public double SumOfSquares { get; private set; }

    /// <summary>Ticks in the measurement period whose data could not be used.</summary>
    public int Skipped { get; set; }

    public double Mean => Count > 0 ? Sum / Count : double.NaN;

    /// <summary>The variance of the block's mean: the per-interval sample variance over n (n − 1 ≥ 1), else NaN.</summary>
    public double VarianceOfMean =>
        Count > 1 ? Math.Max(0, (SumOfSquares - (Sum * Sum / Count)) / (Count - 1)) / Count : double.NaN;

    public void Add(double gap)
    {
        Count++;
        Sum += gap;
        SumOfSquares += gap * gap;
    }
}

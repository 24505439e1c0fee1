namespace Lumen.Runtime.Loop;

/// <summary>Progress of the start-up backfill, reported after each chunk.</summary>
/// <param name="Done">Chunks read so far.</param>
/// <param name="Total">Chunks to read.</param>
/// <param name="Covered">The time the chunks read so far cover.</param>
/// <param name="Range">The whole range being read.</param>
/// <param name="Elapsed">Wall time since the backfill started.</param>
public readonly record struct BackfillProgress(int Done, int Total, TimeSpan Covered, TimeSpan Range, TimeSpan Elapsed)
{
    public override string ToString() => FormattableString.Invariant(
        $"backfill: {Done}/{Total} chunk(s), {MapperReadiness.Hours(Covered)} of {MapperReadiness.Hours(Range)} read in {Elapsed.TotalSeconds:0.0} s");
}

using System.Collections.Immutable;
using System.Globalization;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Canary;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Adapters.Canary;

/// <summary>
/// The rhythm coordinates of exported records: each record's <c>phase</c> and <c>coherence</c> come
/// from the service's SLI history in the same Prometheus (the loop's own SLI queries, one period up to
/// the record's interval) through the same <see cref="RhythmMapper"/> the loop uses, so the canary
/// policy's phase and coherence gates judge a live check as they judge the loop's records. Read →
/// pure mapper → annotated records. Too little history for a rhythm fit leaves the phase
/// <c>unknown</c> (never invented); coherence needs no fit and is computed whenever the history has
/// usable SLIs; a track without any history gets neither.
/// </summary>
internal static class CanaryLiveRhythm
{
    /// <summary>Points per series per range query, under Prometheus' limit of 11,000.</summary>
    public const int MaxPoints = 10_000;

    public static async Task<(IntervalExportResult Result, string Note)> AnnotateAsync(
        IntervalExportResult result, StageConfig stage, IReadOnlyList<ServiceConfig> services, PrometheusClientOptions prometheus,
        HttpClient http, RhythmOptions rhythm, TimeProvider time, CancellationToken cancellationToken)
    {
        if (result.Records.IsEmpty || services.Count == 0)
        {
            return (result, "");
        }

        var first = result.Records.Min(r => r.Record.Timestamp);
        var last = result.Records.Max(r => r.Record.Timestamp);
        // Prometheus answers at most 11,000 points per series: one query over period + window, no finer than that allows.
        var step = stage.Policy.Interval > TimeSpan.Zero ? stage.Policy.Interval : TimeSpan.FromSeconds(30);
        var span = last - first + rhythm.Period;
        var finest = TimeSpan.FromSeconds(Math.Ceiling(span.TotalSeconds / MaxPoints));
        step = step < finest ? finest : step;
        var source = new PrometheusSliSource(services, prometheus, http, time);
        var history = await source.ReadHistoryAsync(first - rhythm.Period, last, step, cancellationToken).ConfigureAwait(false);
        var slo = new SloObjectives(stage.Slo.LatencyP95Ms, stage.Slo.ErrorRate);
        var annotated = Annotate(result.Records, history, slo, rhythm);
        var withPhase = annotated.Count(r => r.Record.Phase is not null and not PhaseLabel.Unknown);
        var withCoherence = annotated.Count(r => r.Record.Coherence is not null);
        var note = string.Create(CultureInfo.InvariantCulture,
            $"rhythm: {withPhase}/{annotated.Length} record(s) with a phase, {withCoherence}/{annotated.Length} with coherence (mapper over {rhythm.Period.TotalHours:0.#} h of SLI history)");
        if (!history.Problems.IsEmpty)
        {
            note += "; " + string.Join("; ", history.Problems.Take(3));
        }

        return (result with { Records = annotated }, note);
    }

    /// <summary>Pure: each record gets the mapper's coordinates from its track's history up to its timestamp.</summary>
    public static ImmutableArray<ExportedRecord> Annotate(ImmutableArray<ExportedRecord> records, SliHistory history, SloObjectives slo, RhythmOptions rhythm)
    {
        var builder = ImmutableArray.CreateBuilder<ExportedRecord>(records.Length);
        foreach (var exported in records)
        {
            var record = exported.Record;
            var samples = history.For(record.Service, IntervalRecordWriter.TrackName(record.Track));
            var upTo = samples.Where(s => s.Timestamp <= record.Timestamp && s.Timestamp > record.Timestamp - rhythm.Period).ToArray();
            if (upTo.Length == 0)
            {
                builder.Add(exported);
                continue;
            }

            var mapped = RhythmMapper.Map(upTo, rhythm, slo, []);
            var phase = mapped.IsOk ? mapped.Value.Label : PhaseLabel.Unknown;
            var coherence = mapped.IsOk ? mapped.Value.Coherence : Lumen.Core.Rhythm.Health.Coherence(upTo, slo, record.Timestamp, rhythm.CoherenceHalfLife);
            builder.Add(exported with { Record = record with { Phase = phase, Coherence = coherence is { } c ? Math.Clamp(c, 0, 1) : null } });
        }

        return builder.MoveToImmutable();
    }
}

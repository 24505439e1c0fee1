using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lumen.Core.Json;

namespace Lumen.Core.Canary;

/// <summary>
/// Writes one interval record as one JSON line in the format <see cref="IntervalRecordParser"/> reads
/// (docs/canary-records.md): <c>{"ts":"…Z","service":"…","track":"canary","requests":…,"errors":…,"latency_le":{"0.005":…,"+Inf":…}}</c>,
/// then <c>phase</c> and <c>coherence</c> when the record has them. The simulator's records and
/// <c>lumen canary export</c> both go through it. Written by hand because System.Text.Json escapes the
/// "+" of "+Inf" even with its relaxed encoder.
/// <list type="bullet">
/// <item><c>ts</c> in UTC with the fraction of a second only when there is one (<c>2026-01-01T00:00:30Z</c>, <c>…:30.25Z</c>);</item>
/// <item>each bucket's key is the bound as the shortest text that reads back to the same number (<c>"0.005"</c>, <c>"1"</c>, <c>"+Inf"</c>),
/// or the label text the caller kept (the exporter keeps Prometheus' <c>le</c> text, e.g. <c>"1.0"</c>);</item>
/// <item><c>coherence</c> rounded to 6 decimals.</item>
/// </list>
/// Every record the parser accepts is written so that it parses back to the same record (coherence to 6 decimals).
/// </summary>
public static class IntervalRecordWriter
{
    /// <summary>The record as one JSON line (no newline), each bucket keyed by its bound.</summary>
    public static string Write(IntervalRecord record) => Write(record, default);

    /// <summary>
    /// The record as one JSON line (no newline); <paramref name="labels"/>, when not default, is the <c>le</c>
    /// text of each bucket in <see cref="IntervalRecord.Buckets"/>' order (it must denote the same bound).
    /// </summary>
    public static string Write(IntervalRecord record, ImmutableArray<string> labels)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!labels.IsDefault && labels.Length != record.Buckets.Length)
        {
            throw new ArgumentException($"{labels.Length} label(s) for {record.Buckets.Length} bucket(s)", nameof(labels));
        }

        var json = new StringBuilder(320);
        json.Append("{\"ts\":\"").Append(Time(record.Timestamp))
            .Append("\",\"service\":").Append(ObjectJson.Serialize(record.Service))
            .Append(",\"track\":\"").Append(TrackName(record.Track))
            .Append("\",\"requests\":").Append(record.Requests.ToString(CultureInfo.InvariantCulture))
            .Append(",\"errors\":").Append(record.Errors.ToString(CultureInfo.InvariantCulture))
            .Append(",\"latency_le\":{");
        for (var i = 0; i < record.Buckets.Length; i++)
        {
            var label = labels.IsDefault ? Label(record.Buckets[i].UpperBoundSeconds) : labels[i];

            // A label is a bound (digits, '.', 'e', '+', '-', "Inf"); quote it through the serializer anyway, and only undo its escaping of '+'.
            json.Append(i == 0 ? "" : ",").Append(ObjectJson.Serialize(label).Replace("\\u002B", "+", StringComparison.Ordinal)).Append(':')
                .Append(record.Buckets[i].CumulativeCount.ToString(CultureInfo.InvariantCulture));
        }

        json.Append('}');
        if (record.Phase is { } phase)
        {
            json.Append(",\"phase\":\"").Append(phase.ToString().ToLowerInvariant()).Append('"');
        }

        if (record.Coherence is { } coherence)
        {
            json.Append(",\"coherence\":").Append(Math.Round(coherence, 6).ToString("R", CultureInfo.InvariantCulture));
        }

        return json.Append('}').ToString();
    }

    /// <summary>The track as it appears in labels and records: <c>baseline</c> or <c>canary</c>.</summary>
    public static string TrackName(CanaryTrack track) => track == CanaryTrack.Canary ? "canary" : "baseline";

    /// <summary>A bucket bound as Prometheus-style <c>le</c> text: the shortest round-trip text ("0.005", "1"), or "+Inf".</summary>
    public static string Label(double upperBoundSeconds) =>
        double.IsPositiveInfinity(upperBoundSeconds) ? "+Inf" : upperBoundSeconds.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>A record time as written: UTC, <c>Z</c>, the fraction of a second only as far as it goes.</summary>
    public static string Time(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}

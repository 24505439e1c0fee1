using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lumen.Core.Json;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// One interval record as exported, with each bucket's <c>le</c> label text exactly as Prometheus
/// returned it (the core's <see cref="Core.Canary.IntervalRecord"/> keeps only the parsed bound).
/// <see cref="LatencyLe"/> is sorted by bound and ends with <c>+Inf</c> = <see cref="Requests"/>.
/// </summary>
public sealed record ExportedRecord(DateTimeOffset Timestamp, string Service, string Track, long Requests, long Errors, ImmutableArray<KeyValuePair<string, long>> LatencyLe)
{
    /// <summary>The rhythm mapper's phase label for the interval (<c>peak</c> … <c>unknown</c>); null writes no field.</summary>
    public string? Phase { get; init; }

    /// <summary>The track's coherence at the interval, from the same mapper; null writes no field.</summary>
    public double? Coherence { get; init; }

    /// <summary>
    /// The record as one JSON line in the format of docs/canary-records.md. Written by hand, as the
    /// simulator does, because System.Text.Json escapes the "+" of "+Inf".
    /// </summary>
    public string ToJson()
    {
        var json = new StringBuilder(320);
        json.Append("{\"ts\":\"").Append(IntervalExportOptions.Time(Timestamp))
            .Append("\",\"service\":").Append(ObjectJson.Serialize(Service))
            .Append(",\"track\":").Append(ObjectJson.Serialize(Track))
            .Append(",\"requests\":").Append(Requests.ToString(CultureInfo.InvariantCulture))
            .Append(",\"errors\":").Append(Errors.ToString(CultureInfo.InvariantCulture))
            .Append(",\"latency_le\":{");
        for (var i = 0; i < LatencyLe.Length; i++)
        {
            // A label is a bound written by a Prometheus client (digits, '.', 'e', '+', '-', "Inf"); quote it
            // through the serializer anyway, and only undo its escaping of '+'.
            var key = ObjectJson.Serialize(LatencyLe[i].Key).Replace("\\u002B", "+", StringComparison.Ordinal);
            json.Append(i == 0 ? "" : ",").Append(key).Append(':')
                .Append(LatencyLe[i].Value.ToString(CultureInfo.InvariantCulture));
        }

        json.Append('}');
        if (Phase is not null)
        {
            json.Append(",\"phase\":").Append(ObjectJson.Serialize(Phase));
        }

        if (Coherence is { } coherence)
        {
            json.Append(",\"coherence\":").Append(Math.Round(coherence, 6).ToString("R", CultureInfo.InvariantCulture));
        }

        return json.Append('}').ToString();
    }
}

using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lumen.Simulator.World;
using Lumen.Core.Json;

namespace Lumen.Simulator.Records;

/// <summary>
/// One interval of one track of one service, as the canary check reads it (docs/canary-statistics.md): request and
/// error counts, and the latency histogram's cumulative counts per <c>le</c> bucket
/// (<see cref="LatencyBuckets"/>; the last, +Inf, equals <see cref="Requests"/>).
/// </summary>
public sealed record IntervalRecord(DateTimeOffset Timestamp, string Service, Track Track, long Requests, long Errors, ImmutableArray<long> LatencyLe)
{
    /// <summary>The record as one JSON line:
    /// <c>{"ts":"…Z","service":"…","track":"canary","requests":…,"errors":…,"latency_le":{"0.005":…,"+Inf":…}}</c>.
    /// Written by hand because System.Text.Json escapes the "+" of "+Inf" even with its relaxed encoder.</summary>
    public string ToJson()
    {
        var json = new StringBuilder(320);
        json.Append("{\"ts\":\"").Append(Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))
            .Append("\",\"service\":").Append(ObjectJson.Serialize(Service))
            .Append(",\"track\":\"").Append(TrackName(Track))
            .Append("\",\"requests\":").Append(Requests.ToString(CultureInfo.InvariantCulture))
            .Append(",\"errors\":").Append(Errors.ToString(CultureInfo.InvariantCulture))
            .Append(",\"latency_le\":{");
        for (var i = 0; i < LatencyLe.Length; i++)
        {
            json.Append(i == 0 ? "\"" : ",\"").Append(LatencyBuckets.Labels[i]).Append("\":")
                .Append(LatencyLe[i].ToString(CultureInfo.InvariantCulture));
        }

        return json.Append("}}").ToString();
    }

    /// <summary>The track as it appears in labels and records.</summary>
    public static string TrackName(Track track) => track == Track.Canary ? "canary" : "baseline";
}

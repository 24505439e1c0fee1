using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Records;

/// <summary>
/// One interval of one track of one service, as the canary check reads it (DESIGN §2.6): request and
/// error counts, and the latency histogram's cumulative counts per <c>le</c> bucket
/// (<see cref="LatencyBuckets"/>; the last, +Inf, equals <see cref="Requests"/>).
/// </summary>
public sealed record IntervalRecord(DateTimeOffset Timestamp, string Service, Track Track, long Requests, long Errors, ImmutableArray<long> LatencyLe)
{
    /// <summary>The record as one JSON line:
    /// <c>{"ts":"…Z","service":"…","track":"canary","requests":…,"errors":…,"latency_le":{"0.005":…,"+Inf":…}}</c>.</summary>
    public string ToJson()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("ts", Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            writer.WriteString("service", Service);
            writer.WriteString("track", TrackName(Track));
            writer.WriteNumber("requests", Requests);
            writer.WriteNumber("errors", Errors);
            writer.WriteStartObject("latency_le");
            for (var i = 0; i < LatencyLe.Length; i++)
            {
                writer.WriteNumber(LatencyBuckets.Labels[i], LatencyLe[i]);
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The track as it appears in labels and records.</summary>
    public static string TrackName(Track track) => track == Track.Canary ? "canary" : "baseline";
}

using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Lumen.Core.Canary;

/// <summary>The records of one service paired into intervals, in time order, or why that failed.</summary>
public sealed record CanaryIntervals(string? Service, ImmutableArray<CanaryInterval> Intervals, int Unpaired, string? Error)
{
    [MemberNotNullWhen(false, nameof(Error))]
    [MemberNotNullWhen(true, nameof(Service))]
    public bool IsOk => Error is null;

    /// <summary>
    /// Pairs records by timestamp. <paramref name="service"/> null means "the only service in the
    /// records". A timestamp with a record for only one track is counted in <see cref="Unpaired"/>
    /// and skipped (it carries no comparison); two records for the same track and timestamp, or a
    /// bucket layout that differs from the first record's, are errors.
    /// </summary>
    public static CanaryIntervals Build(IReadOnlyList<IntervalRecord> records, string? service)
    {
        ArgumentNullException.ThrowIfNull(records);
        var services = records.Select(r => r.Service).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (services.Count == 0)
        {
            return Fail(service, "no records");
        }

        if (service is null)
        {
            if (services.Count > 1)
            {
                return Fail(null, $"records for {services.Count} services ({string.Join(", ", services)}): choose one with --service");
            }

            service = services[0];
        }
        else if (!services.Contains(service, StringComparer.Ordinal))
        {
            return Fail(service, $"no records for service '{service}' (found: {string.Join(", ", services)})");
        }

        var mine = records.Where(r => string.Equals(r.Service, service, StringComparison.Ordinal)).ToList();
        var layout = mine[0].Buckets.Select(b => b.UpperBoundSeconds).ToArray();
        var byTime = new SortedDictionary<DateTimeOffset, IntervalRecord?[]>();
        foreach (var record in mine)
        {
            if (!record.Buckets.Select(b => b.UpperBoundSeconds).SequenceEqual(layout))
            {
                return Fail(service, $"the record at {Format(record.Timestamp)} ({Name(record.Track)}) has other latency buckets than the first record; the judge needs one bucket layout");
            }

            if (!byTime.TryGetValue(record.Timestamp, out var pair))
            {
                pair = new IntervalRecord?[2];
                byTime.Add(record.Timestamp, pair);
            }

            var slot = (int)record.Track;
            if (pair[slot] is not null)
            {
                return Fail(service, $"two {Name(record.Track)} records at {Format(record.Timestamp)}");
            }

            pair[slot] = record;
        }

        var intervals = ImmutableArray.CreateBuilder<CanaryInterval>(byTime.Count);
        var unpaired = 0;
        foreach (var (ts, pair) in byTime)
        {
            if (pair[0] is { } baseline && pair[1] is { } canary)
            {
                intervals.Add(new CanaryInterval(ts, baseline, canary));
            }
            else
            {
                unpaired++;
            }
        }

        return new CanaryIntervals(service, intervals.ToImmutable(), unpaired, null);
    }

    private static CanaryIntervals Fail(string? service, string error) => new(service, [], 0, error);

    private static string Name(CanaryTrack track) => track == CanaryTrack.Canary ? "canary" : "baseline";

    private static string Format(DateTimeOffset ts) => ts.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}

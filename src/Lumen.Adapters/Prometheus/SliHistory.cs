using System.Collections.Immutable;
using Lumen.Core.Policy;
using Lumen.Core.Sli;

namespace Lumen.Adapters.Prometheus;

/// <summary>Backfilled history: samples per (service, track) on a regular grid, and what went wrong.</summary>
public sealed record SliHistory(ImmutableDictionary<(string Service, string Track), ImmutableArray<SliSample>> Tracks, ImmutableArray<string> Problems)
{
    public ImmutableArray<SliSample> For(string service, string track) =>
        Tracks.TryGetValue((service, track), out var samples) ? samples : [];

    internal static SliHistory Build(
        ImmutableArray<SliQueryPlan> plans,
        PromCallResult[] answers,
        ImmutableArray<ServiceConfig> services,
        ImmutableArray<string> tracks,
        DateTimeOffset start,
        DateTimeOffset end,
        TimeSpan step)
    {
        var grid = new List<DateTimeOffset>();
        for (var t = start; t <= end; t += step)
        {
            grid.Add(t);
        }

        // values[(service, track, sli)][timestamp]
        var values = new Dictionary<(string, string, string), Dictionary<long, double>>();
        var problems = ImmutableArray.CreateBuilder<string>();
        for (var i = 0; i < plans.Length; i++)
        {
            var plan = plans[i];
            if (answers[i].Data is not { } data)
            {
                problems.Add($"{plan.Sli}: {answers[i].Error}");
                continue;
            }

            if (data.ResultType != PromResultType.Matrix)
            {
                problems.Add($"{plan.Sli}: expected a range vector (matrix), got {data.ResultType}");
                continue;
            }

            problems.AddRange(data.Warnings.Select(w => $"{plan.Sli}: warning: {w}"));
            foreach (var group in data.Series.GroupBy(s => (Service: s.Label("service"), Track: s.Label("track"))))
            {
                if (group.Key.Service is null || group.Key.Track is null)
                {
                    problems.Add($"{plan.Sli}: a series without service and track labels was ignored");
                    continue;
                }

                if (group.Count() > 1)
                {
                    problems.Add($"{plan.Sli}: {group.Count()} series for service={group.Key.Service} track={group.Key.Track}; ignored");
                    continue;
                }

                var map = new Dictionary<long, double>();
                foreach (var s in group.Single().Samples)
                {
                    map[s.Timestamp.ToUnixTimeMilliseconds()] = s.Value;
                }

                values[(group.Key.Service, group.Key.Track, plan.Sli)] = map;
            }
        }

        double Value(string service, string track, string sli, DateTimeOffset t) =>
            values.TryGetValue((service, track, sli), out var m) && m.TryGetValue(t.ToUnixTimeMilliseconds(), out var v) && double.IsFinite(v)
                ? v
                : double.NaN;

        var result = ImmutableDictionary.CreateBuilder<(string, string), ImmutableArray<SliSample>>();
        foreach (var service in services)
        {
            foreach (var track in tracks)
            {
                result[(service.Name, track)] = [.. grid.Select(t => new SliSample(
                    t,
                    Value(service.Name, track, SliNames.P95Ms, t),
                    Value(service.Name, track, SliNames.ErrorRate, t),
                    Value(service.Name, track, SliNames.Rps, t),
                    service.Sli.Saturation is null ? null : Value(service.Name, track, SliNames.Saturation, t)))];
            }
        }

        return new SliHistory(result.ToImmutable(), problems.ToImmutable());
    }
}

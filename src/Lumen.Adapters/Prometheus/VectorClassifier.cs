using System.Collections.Immutable;
using Lumen.Core.Sli;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// Turns one batched instant-query answer into a reading per expected (service, track) (docs/configuration.md):
/// Ok, Missing (no series for the pair), Stale (the sample is older than the limit), Invalid (NaN, ±Inf,
/// several series, a series without the service/track labels, not a vector) or Error (the call failed).
/// Pure: the answer, the expected pairs, now and the limit in, readings out.
/// </summary>
internal static class VectorClassifier
{
    public static ImmutableArray<SliObservation> Classify(
        PromCallResult answer,
        string sli,
        IReadOnlyList<(string Service, string Track)> expected,
        DateTimeOffset now,
        TimeSpan staleAfter)
    {
        if (answer.Data is not { } data)
        {
            return All(expected, sli, SliReading.Error(answer.Error ?? "the query failed"));
        }

        if (data.ResultType != PromResultType.Vector)
        {
            return All(expected, sli, SliReading.Invalid($"expected an instant vector, the query returned a {data.ResultType.ToString().ToLowerInvariant()}"));
        }

        // A series without both labels means the template aggregated them away: the batch cannot be
        // split, and guessing which service it belongs to would be inventing data.
        if (data.Series.FirstOrDefault(s => s.Label("service") is null || s.Label("track") is null) is { } unlabelled)
        {
            return All(expected, sli, SliReading.Invalid(
                $"the query returned a series without service and track labels ({Describe(unlabelled)}): keep `by (service, track)` in the template"));
        }

        var bySeries = data.Series.ToLookup(s => (s.Label("service")!, s.Label("track")!));
        var list = ImmutableArray.CreateBuilder<SliObservation>(expected.Count);
        foreach (var (service, track) in expected)
        {
            var reading = ClassifyOne(bySeries[(service, track)].ToList(), service, track, now, staleAfter);
            list.Add(new SliObservation(service, track, sli, reading, data.IsDegraded));
        }

        return list.MoveToImmutable();
    }

    private static SliReading ClassifyOne(List<PromSeries> series, string service, string track, DateTimeOffset now, TimeSpan staleAfter)
    {
        var who = $"service={service} track={track}";
        if (series.Count == 0)
        {
            return SliReading.Missing($"no series for {who} (no traffic in the window, or the target is not scraped)");
        }

        if (series.Count > 1)
        {
            return SliReading.Invalid(
                $"{series.Count} series for {who} where one was expected ({string.Join("; ", series.Take(3).Select(Describe))}): aggregate with `by (service, track)`");
        }

        if (series[0].Samples is not [var sample])
        {
            return SliReading.Invalid($"the series for {who} has {series[0].Samples.Length} samples where one was expected");
        }

        if (!double.IsFinite(sample.Value))
        {
            var hint = double.IsNaN(sample.Value) ? " (e.g. 0/0: no requests in the window)" : "";
            return SliReading.Invalid($"value for {who} is {PromValue.Format(sample.Value)}{hint}");
        }

        var age = now - sample.Timestamp;
        if (age > staleAfter)
        {
            return SliReading.Stale(
                $"the sample for {who} is from {sample.Timestamp:O}, {age.TotalSeconds:0} s old (limit {staleAfter.TotalSeconds:0} s)");
        }

        return SliReading.Ok(sample.Value);
    }

    private static ImmutableArray<SliObservation> All(IReadOnlyList<(string Service, string Track)> expected, string sli, SliReading reading) =>
        [.. expected.Select(p => new SliObservation(p.Service, p.Track, sli, reading))];

    private static string Describe(PromSeries s) =>
        "{" + string.Join(", ", s.Labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{l.Value}\"")) + "}";
}

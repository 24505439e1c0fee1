using System.Collections.Immutable;
using Lumen.Core.Canary;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// <c>lumen canary export</c> (docs/canary-records.md, "Export from Prometheus"): two range queries at
/// the interval's step (latency buckets and errors, both <c>increase()</c> over one step), split by
/// service, track and timestamp, rounded into whole cumulative counts (<see cref="IntervalRounding"/>)
/// and checked with the core's record parser before they are returned. An interval without data is
/// skipped, never written as zeros; a failing Prometheus is an <see cref="IntervalExportResult.Error"/>.
/// </summary>
public sealed class IntervalRecordExporter
{
    private const int MaxNotes = 10;
    private readonly PrometheusClient _client;

    /// <param name="http">Shared, owned by the caller; see <see cref="PrometheusHttp.CreateClient"/>.</param>
    public IntervalRecordExporter(PrometheusClientOptions options, HttpClient http, TimeProvider time)
        : this(new PrometheusClient(options, http, time))
    {
    }

    internal IntervalRecordExporter(PrometheusClient client)
    {
        _client = client;
    }

    public async Task<IntervalExportResult> ExportAsync(IntervalExportOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var notes = new List<string>();
        var buckets = new Dictionary<(string Service, string Track, DateTimeOffset Ts), Dictionary<string, double>>();
        var errors = new Dictionary<(string Service, string Track, DateTimeOffset Ts), double>();
        var layouts = new Dictionary<string, SortedSet<string>>(StringComparer.Ordinal);
        foreach (var (start, end) in Chunks(options))
        {
            var latency = await RangeAsync(IntervalExportQueries.Latency(options), start, end, options.Step, notes, cancellationToken).ConfigureAwait(false);
            if (latency.Error is not null)
            {
                return IntervalExportResult.Failed(latency.Error);
            }

            var failed = await RangeAsync(IntervalExportQueries.Errors(options), start, end, options.Step, notes, cancellationToken).ConfigureAwait(false);
            if (failed.Error is not null)
            {
                return IntervalExportResult.Failed(failed.Error);
            }

            foreach (var series in latency.Series)
            {
                if (Key(series) is not { } id || series.Label("le") is not { } rawLe || Scale(rawLe, options.LatencyScale) is not { } le)
                {
                    continue;
                }

                var (service, track) = id;
                if (!layouts.TryGetValue(service, out var layout))
                {
                    layouts[service] = layout = new SortedSet<string>(StringComparer.Ordinal);
                }

                layout.Add(le);
                foreach (var sample in series.Samples)
                {
                    var key = (service, track, sample.Timestamp);
                    if (!buckets.TryGetValue(key, out var byLe))
                    {
                        buckets[key] = byLe = new Dictionary<string, double>(StringComparer.Ordinal);
                    }

                    byLe[le] = sample.Value;
                }
            }

            foreach (var series in failed.Series)
            {
                if (Key(series) is { } id)
                {
                    foreach (var sample in series.Samples)
                    {
                        errors[(id.Service, id.Track, sample.Timestamp)] = sample.Value;
                    }
                }
            }
        }

        return Assemble(buckets, errors, layouts, notes);
    }

    /// <summary>The bucket bound in seconds (a histogram in milliseconds is scaled by 0.001); null when it is not a number.</summary>
    private static string? Scale(string le, double scale)
    {
        if (scale == 1 || le == "+Inf")
        {
            return le;
        }

        return double.TryParse(le, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var bound) && double.IsFinite(bound)
            ? (bound * scale).ToString("R", System.Globalization.CultureInfo.InvariantCulture)
            : null;
    }

    private static IntervalExportResult Assemble(
        Dictionary<(string Service, string Track, DateTimeOffset Ts), Dictionary<string, double>> buckets,
        Dictionary<(string Service, string Track, DateTimeOffset Ts), double> errors,
        Dictionary<string, SortedSet<string>> layouts,
        List<string> notes)
    {
        var records = ImmutableArray.CreateBuilder<ExportedRecord>();
        var skipped = 0;
        var withoutErrors = 0;
        var ordered = buckets.Keys
            .OrderBy(k => k.Ts)
            .ThenBy(k => k.Service, StringComparer.Ordinal)
            .ThenBy(k => k.Track == "canary" ? 1 : 0);
        foreach (var key in ordered)
        {
            var byLe = buckets[key];
            var missing = layouts[key.Service].Where(le => !byLe.ContainsKey(le)).ToList();
            if (missing.Count > 0)
            {
                Skip($"{key.Service}/{key.Track} at {IntervalExportOptions.Time(key.Ts)}: no data for bucket(s) le={string.Join(", ", missing)}");
                continue;
            }

            double? e = errors.TryGetValue(key, out var value) ? value : null;
            var track = key.Track == "canary" ? CanaryTrack.Canary : CanaryTrack.Baseline;
            var (record, problem) = IntervalRounding.Build(key.Ts, key.Service, track, byLe, e);
            if (record is null)
            {
                Skip($"{key.Service}/{key.Track} at {IntervalExportOptions.Time(key.Ts)}: {problem}");
                continue;
            }

            // The core's parser is the format's definition: a record it refuses is a bug here, not data to write.
            var check = IntervalRecordParser.Parse(record.ToJson());
            if (!check.IsOk)
            {
                throw new InvalidOperationException($"the exporter built a record the format refuses ({check.Error}): {record.ToJson()}");
            }

            withoutErrors += e is null ? 1 : 0;
            records.Add(record);
        }

        return new IntervalExportResult(records.ToImmutable(), skipped, withoutErrors, [.. notes], null);

        void Skip(string why)
        {
            skipped++;
            if (notes.Count < MaxNotes)
            {
                notes.Add("skipped " + why);
            }
        }
    }

    private async Task<(ImmutableArray<PromSeries> Series, string? Error)> RangeAsync(
        string query, DateTimeOffset start, DateTimeOffset end, TimeSpan step, List<string> notes, CancellationToken cancellationToken)
    {
        var result = await _client.QueryRangeAsync(query, start, end, step, cancellationToken).ConfigureAwait(false);
        if (!result.IsOk)
        {
            return ([], result.Error);
        }

        var data = result.Data!;
        if (data.ResultType != PromResultType.Matrix)
        {
            return ([], $"{query}: expected a matrix from query_range, got {data.ResultType.ToString().ToLowerInvariant()}");
        }

        foreach (var warning in data.Warnings.IsDefault ? [] : data.Warnings)
        {
            if (notes.Count < MaxNotes)
            {
                notes.Add($"Prometheus warned (the data may be partial): {warning}");
            }
        }

        return (data.Series, null);
    }

    private static (string Service, string Track)? Key(PromSeries series) =>
        series.Label("service") is { Length: > 0 } service && series.Label("track") is "baseline" or "canary"
            ? (service, series.Label("track")!)
            : null;

    /// <summary>
    /// Evaluation times on the grid of whole steps since the Unix epoch (so two exports of one window
    /// agree): the first step that starts at or after <c>Since</c>, to the last that ends at or before
    /// <c>Until</c>, in chunks of <see cref="IntervalExportOptions.MaxStepsPerQuery"/>.
    /// </summary>
    internal static IEnumerable<(DateTimeOffset Start, DateTimeOffset End)> Chunks(IntervalExportOptions options)
    {
        var step = (long)options.Step.TotalSeconds;
        var since = options.Since.ToUnixTimeMilliseconds();
        var firstStart = (since + (step * 1000) - 1) / (step * 1000) * step; // ceil(since / step) in whole steps, as seconds
        var first = firstStart + step;
        var last = options.Until.ToUnixTimeSeconds() / step * step;
        for (var start = first; start <= last; start += step * IntervalExportOptions.MaxStepsPerQuery)
        {
            var end = Math.Min(last, start + (step * (IntervalExportOptions.MaxStepsPerQuery - 1)));
            yield return (DateTimeOffset.FromUnixTimeSeconds(start), DateTimeOffset.FromUnixTimeSeconds(end));
        }
    }
}

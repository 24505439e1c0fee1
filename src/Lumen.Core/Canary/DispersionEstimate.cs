namespace Lumen.Core.Canary;

/// <summary>
/// How clustered one kind of event (errors, slow requests) looked in the warm-up, and the model the
/// judge fixed from it for the rest of the check (docs/canary-statistics.md, "Clustered events").
/// </summary>
/// <param name="Events">Events on both tracks in the warm-up intervals.</param>
/// <param name="Intervals">Warm-up intervals that had at least one event on either track.</param>
/// <param name="Dispersion">
/// Pearson's dispersion of the canary's share of each interval's events around the binomial
/// (1 for independent events; about 2m − 1 when events come in geometric clusters of mean m);
/// NaN when the warm-up had fewer than two intervals with events.
/// </param>
/// <param name="Limit">The dispersion above which the events are treated as clustered.</param>
/// <param name="Independent">
/// True when the warm-up had at least <see cref="MinEvents"/> events and a dispersion within the limit:
/// the judge then adds the per-request likelihood to the interval-level e-process.
/// </param>
public sealed record DispersionEstimate(long Events, int Intervals, double Dispersion, double Limit, bool Independent)
{
    /// <summary>Fewer warm-up events than this cannot vouch for independence: the model stays interval-level.</summary>
    public const long MinEvents = 30;

    /// <summary>Fewer warm-up intervals with events than this cannot vouch for independence either.</summary>
    public const int MinIntervals = 5;

    /// <summary>Whether the warm-up held enough events to judge independence either way.</summary>
    public bool Enough => Events >= MinEvents && Intervals >= MinIntervals && double.IsFinite(Dispersion);

    /// <summary>
    /// The cluster index T the pass side of an absolute gate tempers its Poisson evidence by when the
    /// events are clustered (<see cref="TemperedPoissonMixture"/>): the warm-up's dispersion times its
    /// one-sided limit factor, an upper bound that leaves room for the estimate's own noise. Null when
    /// the events are independent (the request-level evidence is used instead) or the warm-up held too
    /// few events to estimate the index.
    /// </summary>
    public double? PassTemper => !Independent && Enough && double.IsFinite(Limit) ? Math.Max(1, Dispersion * Limit) : null;

    /// <summary>The model's name in reports.</summary>
    public string Model => Independent ? "interval+request" : "interval";

    /// <summary>The estimate from per-interval event counts (canary, baseline) and requests (canary, baseline).</summary>
    public static DispersionEstimate From(IReadOnlyList<(long CanaryEvents, long BaselineEvents, long CanaryRequests, long BaselineRequests)> intervals)
    {
        ArgumentNullException.ThrowIfNull(intervals);
        long canaryEvents = 0, baselineEvents = 0, canaryRequests = 0, baselineRequests = 0;
        var used = 0;
        foreach (var i in intervals)
        {
            if (i.CanaryRequests <= 0 || i.BaselineRequests <= 0)
            {
                continue;
            }

            canaryEvents += i.CanaryEvents;
            baselineEvents += i.BaselineEvents;
            canaryRequests += i.CanaryRequests;
            baselineRequests += i.BaselineRequests;
            used += i.CanaryEvents + i.BaselineEvents > 0 ? 1 : 0;
        }

        var events = canaryEvents + baselineEvents;
        if (used < 2 || canaryEvents == 0 || baselineEvents == 0)
        {
            return new DispersionEstimate(events, used, double.NaN, double.NaN, false);
        }

        // The canary's share of events at split s under the pooled rate ratio; Pearson's statistic with
        // one parameter fitted has used − 1 degrees of freedom.
        var rho = ((double)canaryEvents / canaryRequests) / ((double)baselineEvents / baselineRequests);
        double numerator = 0, denominator = 0;
        foreach (var i in intervals)
        {
            var x = i.CanaryEvents + i.BaselineEvents;
            if (x == 0 || i.CanaryRequests <= 0 || i.BaselineRequests <= 0)
            {
                continue;
            }

            var s = (double)i.CanaryRequests / (i.CanaryRequests + i.BaselineRequests);
            var p = rho * s / ((rho * s) + 1 - s);
            numerator += Math.Pow(i.CanaryEvents - (x * p), 2);
            denominator += x * p * (1 - p);
        }

        var df = used - 1;
        var share = denominator > 0 ? numerator / denominator * used / df : double.NaN;

        // Each track's counts around requests × its pooled rate (Poisson: variance = mean). A cluster
        // shows here even when it is alone in its interval, where the share cannot tell it from one event.
        var counts = CountDispersion(intervals, (double)canaryEvents / canaryRequests, (double)baselineEvents / baselineRequests);
        var dispersion = Math.Max(share, counts);

        // Under independence each statistic is about χ²(df)/df: a one-sided 1 % normal bound.
        var limit = 1 + (2.33 * Math.Sqrt(2.0 / df));
        return new DispersionEstimate(events, used, dispersion, limit, events >= MinEvents && used >= MinIntervals && dispersion <= limit);
    }

    private static double CountDispersion(IReadOnlyList<(long CanaryEvents, long BaselineEvents, long CanaryRequests, long BaselineRequests)> intervals, double canaryRate, double baselineRate)
    {
        double sum = 0;
        var terms = 0;
        foreach (var i in intervals)
        {
            if (i.CanaryRequests <= 0 || i.BaselineRequests <= 0)
            {
                continue;
            }

            var mc = i.CanaryRequests * canaryRate;
            var mb = i.BaselineRequests * baselineRate;
            sum += (Math.Pow(i.CanaryEvents - mc, 2) / mc) + (Math.Pow(i.BaselineEvents - mb, 2) / mb);
            terms += 2;
        }

        return terms > 2 ? sum / (terms - 2) : double.NaN;
    }
}

using System.Diagnostics;

namespace Lumen.Integration.Tests.TestKit;

/// <summary>A bounded load generator for loopback only: a fixed number of GETs with a fixed concurrency.
/// Records each answer's status and client-side latency.</summary>
internal static class LoadGenerator
{
    public sealed record Result(int Requests, int Errors, double[] LatenciesMs)
    {
        /// <summary>Nearest-rank quantile of the client-side latencies.</summary>
        public double Quantile(double q)
        {
            var sorted = LatenciesMs.Order().ToArray();
            var rank = (int)Math.Ceiling(q * sorted.Length);
            return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
        }
    }

    public static async Task<Result> RunAsync(HttpClient http, Uri url, int requests, int concurrency)
    {
        if (!url.IsLoopback)
        {
            throw new ArgumentException("the load generator only targets loopback", nameof(url));
        }

        var latencies = new double[requests];
        var errors = 0;
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < requests)
            {
                var start = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url);
                latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                if ((int)response.StatusCode >= 500)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        });
        await Task.WhenAll(workers);
        return new Result(requests, errors, latencies);
    }
}

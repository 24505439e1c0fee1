using System.Collections.Immutable;
using Lumen.Core.Policy;

namespace Lumen.Integration.Tests.TestKit;

/// <summary>Service configs with the SLI templates of config/services.yaml.</summary>
internal static class TestServices
{
    public const string P95 = """
        1000 * histogram_quantile(0.95, sum by (service, track, le)
        (rate(http_request_duration_seconds_bucket{service=~"$service", track=~"$track"}[$window])))
        """;

    public const string ErrorRate = """
        sum by (service, track) (rate(http_requests_errors_total{service=~"$service", track=~"$track"}[$window]))
        / sum by (service, track) (rate(http_requests_received_total{service=~"$service", track=~"$track"}[$window]))
        """;

    public const string Rps = """
        sum by (service, track) (rate(http_requests_received_total{service=~"$service", track=~"$track"}[$window]))
        """;

    public static ServiceConfig Service(string name, string window = "5m", SliQueries? sli = null)
    {
        PromDuration.TryParse(window, out var w);
        return new ServiceConfig(
            name,
            w,
            sli ?? new SliQueries(P95, ErrorRate, Rps, null),
            ImmutableArray<KnobSpec>.Empty,
            new ServiceExecutors(new SimExecutorSpec(), null));
    }
}

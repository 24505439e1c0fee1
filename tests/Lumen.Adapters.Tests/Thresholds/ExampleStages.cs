using System.Collections.Immutable;
using Lumen.Adapters.Thresholds;

namespace Lumen.Adapters.Tests.Thresholds;

/// <summary>The example configuration's numbers (config/stage_matrix.yaml, config/services.yaml) as plain values.</summary>
internal static class ExampleStages
{
    public const string P95Template =
        "1000 * histogram_quantile(0.95, sum by (service, track, le)\n"
        + "(rate(http_request_duration_seconds_bucket{service=~\"$service\", track=~\"$track\"}[$window])))";

    public const string ErrorTemplate =
        "sum by (service, track) (rate(http_requests_errors_total{service=~\"$service\", track=~\"$track\"}[$window]))\n"
        + "/ sum by (service, track) (rate(http_requests_received_total{service=~\"$service\", track=~\"$track\"}[$window]))";

    public static AlertingPolicy Dev { get; } = new("dev", 30, 600, 0.05, 0.50, AlertingPolicy.DefaultRollbackStorm(3), AlertingPolicy.DefaultRunbookBase);

    public static AlertingPolicy Staging { get; } = new("staging", 30, 500, 0.03, 0.55, AlertingPolicy.DefaultRollbackStorm(2), AlertingPolicy.DefaultRunbookBase);

    public static AlertingPolicy Prod { get; } = new("prod", 30, 400, 0.02, 0.60, AlertingPolicy.DefaultRollbackStorm(1), AlertingPolicy.DefaultRunbookBase);

    public static ImmutableArray<ServiceSliQueries> Services { get; } =
    [
        new("checkout", "5m", P95Template, ErrorTemplate),
        new("search", "5m", P95Template, ErrorTemplate),
    ];

    public static TheoryData<string> StageNames => new() { "dev", "staging", "prod" };

    public static AlertingPolicy ByName(string stage) => stage switch
    {
        "dev" => Dev,
        "staging" => Staging,
        "prod" => Prod,
        _ => throw new ArgumentOutOfRangeException(nameof(stage)),
    };
}

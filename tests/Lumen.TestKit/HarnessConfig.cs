using System.Collections.Immutable;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;

namespace Lumen.TestKit;

/// <summary>
/// A small, fixed configuration for the crash harness and the loop's tests: stage <c>test</c>, one
/// service <c>checkout</c> with one knob <c>concurrency_limit</c> (default 32, step 4), one rule that
/// raises it while p95 is above the SLO, a 1-minute TTL, and a rhythm period short enough that a few
/// ticks are enough history.
/// </summary>
public static class HarnessConfig
{
    public const string Stage = "test";
    public const string Service = "checkout";
    public const string Knob = "concurrency_limit";
    public const double KnobDefault = 32;

    /// <summary>The mapper's options: a 4-minute "day", 4 points spanning half of it are enough.</summary>
    public static RhythmOptions Rhythm { get; } = new()
    {
        Period = TimeSpan.FromMinutes(4),
        MinValidPoints = 4,
        MinCoverage = 0.5,
        CoherenceHalfLife = TimeSpan.FromMinutes(2),
    };

    public static LumenConfig Create(int intervalSeconds = 30, int ttlMinutes = 1, bool dryRun = false, int maxActive = 1,
        double coherenceMin = 0.2, int cooldownMinutes = 0)
    {
        var policy = new StagePolicy(intervalSeconds, dryRun, RewardMixLambda: 0, LinUcbAlpha: 1, Conservative: false,
            MaxActiveAdjustments: maxActive, DeltaClamp: 0.5, TtlMinutes: ttlMinutes, CooldownMinutes: cooldownMinutes, ApprovalRequired: false);
        var stage = new StageConfig(Stage, new StageEndpoints(new Uri("http://127.0.0.1:9090"), null, null, null), policy,
            new Slo(LatencyP95Ms: 500, ErrorRate: 0.05, CoherenceMin: coherenceMin));
        var knob = new KnobSpec(Knob, Min: 4, Max: 256, Default: KnobDefault, Step: 4, Integer: true, SettleSeconds: intervalSeconds, CostWeight: 0.0005);
        _ = PromDuration.TryParse("5m", out var window);
        var service = new ServiceConfig(Service, window, new SliQueries("p95", "err", "rps", null), [knob],
            new ServiceExecutors(new SimExecutorSpec(), null));
        var rule = new FeedbackRule("latency-high", new RuleCondition(RuleCoordinate.LatencyPressure, ComparisonOp.GreaterThan, 1.0), 1,
            new RuleCondition(RuleCoordinate.LatencyPressure, ComparisonOp.LessThan, 0.9), null, [], new RuleProposal(Knob, KnobDirection.Increase),
            null, Managed: false);
        return new LumenConfig(new StageMatrix([stage]), new ServiceCatalog([service]), new CanaryPolicy([]), new FeedbackRuleSet([rule]));
    }
}

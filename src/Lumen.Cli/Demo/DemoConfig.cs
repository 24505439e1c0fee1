using System.Collections.Immutable;
using Lumen.Core.Policy;
using Lumen.Simulator.Environments;

namespace Lumen.Cli.Demo;

/// <summary>
/// The configuration the demo runs with, built from the environment so the demo needs no config
/// files: one stage <c>demo</c> with the shipped <c>dev</c> stage's policy (α 0.05, clamp 25 %, TTL
/// 20 min, cooldown 5 min, at most 3 active adjustments, λ 0) but DRY_RUN off, the environment's
/// SLO with coherence_min 0.5, and each simulated service with its knobs (whole numbers, settling as the
/// environment says: 60 s, the cache as long as it takes to warm) and <c>sim</c> executors.
/// No feedback rules: the tuner decides alone, so the charts show what it learns.
/// </summary>
internal static class DemoConfig
{
    public const string Stage = "demo";

    /// <summary>
    /// LinUCB's α multiplies the confidence width, which is in reward units. Rewards here are changes
    /// of health over a settle delay: a good step moves health by about 0.01–0.05 and the noise is of
    /// the same order, so the width of an arm seen a few times should be a few hundredths. With α 1
    /// every unexplored arm outranks any learnt gain for hundreds of decisions (docs/bandit.md,
    /// "Choosing α"; Li et al. 2010 take α from the noise level).
    /// </summary>
    public const double Alpha = 0.05;

    public static LumenConfig For(SimEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var policy = new StagePolicy(
            IntervalSeconds: environment.TickSeconds, DryRun: false, RewardMixLambda: 0, LinUcbAlpha: Alpha, Conservative: false,
            MaxActiveAdjustments: 3, DeltaClamp: 0.25, TtlMinutes: 20, CooldownMinutes: 5, ApprovalRequired: false);
        var stage = new StageConfig(Stage, new StageEndpoints(new Uri("http://127.0.0.1:9090"), null, null, null), policy,
            new Slo(environment.Slo.P95Ms, environment.Slo.ErrorRate, CoherenceMin: 0.5));
        var window = PromDuration.TryParse("5m", out var w) ? w : default;
        var services = environment.Services.Select(s => new ServiceConfig(
            s.Name, window, new SliQueries("sim", "sim", "sim", null),
            s.Knobs,
            new ServiceExecutors(new SimExecutorSpec(), new SimExecutorSpec()))).ToImmutableArray();
        return new LumenConfig(new StageMatrix([stage]), new ServiceCatalog(services), new CanaryPolicy([]), new FeedbackRuleSet([]));
    }
}

namespace Lumen.Adapters.Thresholds;

/// <summary>
/// The numbers of one stage that the generated alerting depends on, as plain values: the generators
/// do not know the configuration model, only this (see <see cref="AlertingPolicyFactory"/>).
/// </summary>
/// <param name="Stage">The stage name; every generated series and alert carries it as <c>stage</c>.</param>
/// <param name="IntervalSeconds">One tick of the loop; the loop is stale after three without success.</param>
/// <param name="LatencyP95Ms">The p95 latency objective, in milliseconds.</param>
/// <param name="ErrorRateObjective">The allowed error ratio (0..1): the error budget of the burn-rate alerts.</param>
/// <param name="CoherenceMin">The lowest acceptable coherence (0..1).</param>
/// <param name="RollbackStormPerHour">More early rollbacks than this in one hour is a storm.</param>
/// <param name="RunbookBase">The playbook document (an absolute URL) the <c>runbook_url</c> annotations point into.</param>
/// <param name="Selector">The stage's extra matchers (e.g. <c>env="prod", cluster="eu-1"</c>) for the SLI
/// templates' <c>$selector</c>, so the recorded SLIs read only this stage's series; empty for none. Its equality
/// matchers (<see cref="SelectorLabels"/>) also label the recorded series and are selected by every alert.</param>
internal sealed record AlertingPolicy(
    string Stage,
    int IntervalSeconds,
    double LatencyP95Ms,
    double ErrorRateObjective,
    double CoherenceMin,
    int RollbackStormPerHour,
    string RunbookBase,
    string Selector = "")
{
    /// <summary>Where the runbooks live unless the stage's <c>alerting.runbook_base</c> or <c>--runbook-base</c> says otherwise.</summary>
    public const string DefaultRunbookBase = Core.Policy.AlertingConfig.DefaultRunbookBase;

    /// <summary>The selector's equality matchers as labels (<c>env</c>, <c>cluster</c>...), in the selector's order.</summary>
    public System.Collections.Immutable.ImmutableArray<KeyValuePair<string, string>> SelectorLabelPairs => SelectorLabels.Parse(Selector);

    /// <summary>What every generated alert selects: <c>stage="STAGE"</c> and the selector's equality matchers.</summary>
    public string AlertMatchers => SelectorLabels.Matchers(Stage, SelectorLabelPairs);

    /// <summary>How long an SLO breach must last before it alerts: three ticks, and at least 5 minutes.</summary>
    public TimeSpan BreachFor => TimeSpan.FromSeconds(Math.Max(300, 3L * IntervalSeconds));

    /// <summary>How long without a successful tick before the loop counts as stale: three ticks.</summary>
    public long StaleAfterSeconds => 3L * IntervalSeconds;

    /// <summary>
    /// The default storm threshold: twice the adjustments the stage may hold open at once, at least 3.
    /// A rollback (as opposed to a TTL expiry) means an adjustment hurt; more of those in an hour than
    /// the stage could try in two full rounds is Lumen doing harm, and someone should look.
    /// </summary>
    public static int DefaultRollbackStorm(int maxActiveAdjustments) => Math.Max(3, checked(2 * maxActiveAdjustments));
}

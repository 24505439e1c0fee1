namespace Lumen.Core.Guard;

/// <summary>
/// What the guard must know about a service this tick: data freshness, whether a canary check or
/// a promotion is running, and its current coherence (null when it could not be computed).
/// </summary>
public sealed record ServiceStatus(
    string Service, DataFreshness Freshness, bool CanaryInProgress, bool PromotionInProgress, double? Coherence);

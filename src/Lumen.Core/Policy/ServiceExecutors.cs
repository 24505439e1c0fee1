namespace Lumen.Core.Policy;

/// <summary>How to set a service's knobs, per track. Tuning touches only the canary; the baseline
/// executor is used by promotion (and may be absent on a stage without promotion).</summary>
public sealed record ServiceExecutors(ExecutorSpec Canary, ExecutorSpec? Baseline);

namespace Lumen.Core.Policy;

/// <summary>The progressive-delivery controller that calls Lumen's rollout endpoints (docs/rollout-tools.md).</summary>
public enum RolloutTool
{
    /// <summary>A Flagger <c>Canary</c> (webhooks <c>rollout</c> and <c>confirm-promotion</c>).</summary>
    Flagger,

    /// <summary>An Argo Rollouts <c>Rollout</c> (an AnalysisTemplate with the <c>web</c> metric provider).</summary>
    Argo,
}

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>Where a Deployment's rollout stands (<see cref="RolloutStatus.Evaluate"/>).</summary>
internal enum RolloutState
{
    Complete,
    InProgress,

    /// <summary>The Deployment controller gave up (<c>Progressing</c> is False with <c>ProgressDeadlineExceeded</c>).</summary>
    Failed,
}

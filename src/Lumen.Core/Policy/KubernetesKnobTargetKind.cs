namespace Lumen.Core.Policy;

/// <summary>Where a Kubernetes executor keeps a knob.</summary>
public enum KubernetesKnobTargetKind
{
    /// <summary>A literal <c>env[].value</c> of the Deployment's container.</summary>
    EnvVar,

    /// <summary>A key of a ConfigMap's <c>data</c>; the Deployment is rolled when it changes.</summary>
    ConfigMapKey,

    /// <summary>The Deployment's <c>spec.replicas</c>.</summary>
    Replicas,
}

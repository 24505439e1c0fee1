namespace Lumen.Adapters.Tests.TestKit;

/// <summary>A test that needs a real Kubernetes cluster: skipped unless <c>LUMEN_K8S_TEST_CONTEXT</c> names a kubeconfig context.</summary>
[AttributeUsage(AttributeTargets.Method)]
internal sealed class KubernetesClusterFactAttribute : FactAttribute
{
    public const string ContextVariable = "LUMEN_K8S_TEST_CONTEXT";

    public KubernetesClusterFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(ContextVariable)))
        {
            Skip = $"needs a real cluster: set {ContextVariable} to a kubeconfig context (and optionally LUMEN_K8S_TEST_NAMESPACE)";
        }
    }
}

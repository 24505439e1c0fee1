using System.Diagnostics;
using Lumen.Adapters.Executors;
using Lumen.Adapters.Tests.TestKit;

namespace Lumen.Adapters.Tests.Executors.Kubernetes;

/// <summary>
/// Opt-in, against a REAL cluster (skipped unless LUMEN_K8S_TEST_CONTEXT is set): creates a Deployment
/// and a ConfigMap with kubectl in LUMEN_K8S_TEST_NAMESPACE (default <c>default</c>), sets an env var,
/// a ConfigMap key and the replicas through the executor, reads them back, and deletes both objects.
/// The kubeconfig is $KUBECONFIG or ~/.kube/config, as for kubectl.
/// </summary>
public sealed class KubernetesClusterTests
{
    private static string Context => Environment.GetEnvironmentVariable(KubernetesClusterFactAttribute.ContextVariable) ?? "";

    private static string Namespace => Environment.GetEnvironmentVariable("LUMEN_K8S_TEST_NAMESPACE") is { Length: > 0 } ns ? ns : "default";

    [KubernetesClusterFact]
    public async Task SetAndGet_OnARealCluster_WriteTheDeploymentAndConfigMapAndWaitForTheRollout()
    {
        var name = $"lumen-k8s-test-{Environment.ProcessId}";
        var image = Environment.GetEnvironmentVariable("LUMEN_K8S_TEST_IMAGE") is { Length: > 0 } i ? i : "registry.k8s.io/pause:3.10";
        Kubectl("create", "configmap", name, "--from-literal=CACHE_SIZE_MB=256");
        Kubectl("create", "deployment", name, $"--image={image}", "--replicas=1");
        Kubectl("set", "env", $"deployment/{name}", "CONCURRENCY_LIMIT=16");
        try
        {
            using var http = new HttpClient();
            var settings = new Dictionary<string, object?>
            {
                ["context"] = Context,
                ["namespace"] = Namespace,
                ["deployment"] = name,
                ["knobs"] = new Dictionary<string, string>
                {
                    ["concurrency_limit"] = "env:CONCURRENCY_LIMIT",
                    ["cache_size_mb"] = $"configmap:{name}/CACHE_SIZE_MB",
                    ["replicas"] = "replicas",
                },
                ["rollout_timeout_ms"] = "180000",
            };
            if (Environment.GetEnvironmentVariable("KUBECONFIG") is not { Length: > 0 })
            {
                settings["kubeconfig"] = "~/.kube/config";
            }

            var executor = new ExecutorFactory(http, TimeProvider.System).Create("kubernetes", settings);

            var env = await executor.SetAsync("concurrency_limit", 24, CancellationToken.None);
            var map = await executor.SetAsync("cache_size_mb", 512, CancellationToken.None);
            var replicas = await executor.SetAsync("replicas", 2, CancellationToken.None);
            var read = await executor.GetAllAsync(["concurrency_limit", "cache_size_mb", "replicas"], CancellationToken.None);

            Assert.True(env.IsOk, env.Reason);
            Assert.True(map.IsOk, map.Reason);
            Assert.True(replicas.IsOk, replicas.Reason);
            Assert.Equal(24, read["concurrency_limit"].Value);
            Assert.Equal(512, read["cache_size_mb"].Value);
            Assert.Equal(2, read["replicas"].Value);
        }
        finally
        {
            Kubectl("delete", "deployment", name, "--ignore-not-found");
            Kubectl("delete", "configmap", name, "--ignore-not-found");
        }
    }

    private static void Kubectl(params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "--context", Context, "--namespace", Namespace }.Concat(args))
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl {string.Join(' ', args)}: {stderr}");
    }
}

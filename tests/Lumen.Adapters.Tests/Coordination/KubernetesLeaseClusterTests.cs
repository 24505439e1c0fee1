using System.Diagnostics;
using Lumen.Adapters.Config;
using Lumen.Adapters.Coordination;
using Lumen.Adapters.Executors.Kubernetes;
using Lumen.Adapters.Tests.TestKit;
using Lumen.Core.Coordination;

namespace Lumen.Adapters.Tests.Coordination;

/// <summary>
/// Opt-in, against a REAL cluster (skipped unless LUMEN_K8S_TEST_CONTEXT is set): two replicas share
/// 10 services through real Leases in LUMEN_K8S_TEST_NAMESPACE (default <c>default</c>), one releases,
/// the other takes everything; the Leases are deleted with kubectl afterwards. Needs get, list,
/// create and update on leases (docs/kubernetes.md, RBAC), and delete for the clean-up.
/// </summary>
public sealed class KubernetesLeaseClusterTests
{
    private static string Context => Environment.GetEnvironmentVariable(KubernetesClusterFactAttribute.ContextVariable) ?? "";

    private static string Namespace => Environment.GetEnvironmentVariable("LUMEN_K8S_TEST_NAMESPACE") is { Length: > 0 } ns ? ns : "default";

    [KubernetesClusterFact]
    public async Task TwoReplicas_ShareAndHandOver_OnARealCluster()
    {
        var stage = $"test{Environment.ProcessId}";
        IReadOnlyList<string> services = [.. Enumerable.Range(1, 10).Select(i => $"svc-{i}")];
        var busy = new HashSet<string>();
        var connection = KubernetesConfigLoader.Load(
            Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } ? null : "~/.kube/config", Context, null, ProcessEnvironmentVariables.Instance);
        KubernetesLeaseCoordinator Replica(string name) => new(
            new KubernetesLeaseCoordinatorOptions(Namespace, "lumen-test", stage, name, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)),
            connection, TimeSpan.FromSeconds(10), TimeProvider.System);
        await using var a = Replica("a");
        await using var b = Replica("b");
        try
        {
            Holdings ha = Holdings.None("a", ""), hb = Holdings.None("b", "");
            for (var round = 0; round < 10 && !(ha.Held.Count == 5 && hb.Held.Count == 5); round++)
            {
                ha = await a.RefreshAsync(services, busy, CancellationToken.None);
                hb = await b.RefreshAsync(services, busy, CancellationToken.None);
            }

            Assert.True(ha.Held.Count == 5 && hb.Held.Count == 5, $"a holds {ha.Held.Count} ({ha.Problem}), b holds {hb.Held.Count} ({hb.Problem})");
            Assert.Empty(ha.Held.Keys.Intersect(hb.Held.Keys));

            await b.ReleaseAllAsync(CancellationToken.None);
            for (var round = 0; round < 5 && ha.Held.Count < 10; round++)
            {
                ha = await a.RefreshAsync(services, busy, CancellationToken.None);
            }

            Assert.Equal(10, ha.Held.Count);
        }
        finally
        {
            Kubectl("delete", "leases", "-l", $"lumen.dev/stage={stage}", "--ignore-not-found");
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

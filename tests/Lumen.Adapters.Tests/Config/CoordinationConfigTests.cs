using Lumen.Adapters.Config;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Tests.Config;

/// <summary>The stage's optional <c>coordination</c> block (docs/scale-out.md).</summary>
public sealed class CoordinationConfigTests
{
    private static TempDir WithDev(string block)
    {
        var dir = ConfigFixtures.ValidCopy();
        var matrix = dir.File(ConfigFiles.StageMatrix);
        File.WriteAllText(matrix, File.ReadAllText(matrix).ReplaceLineEndings("\n").Replace("  dev:\n", "  dev:\n" + block, StringComparison.Ordinal));
        return dir;
    }

    [Fact]
    public void Load_WithoutTheBlock_IsLocal()
    {
        using var dir = ConfigFixtures.ValidCopy();

        var result = ConfigLoader.Load(dir.Path);

        Assert.Empty(result.Errors);
        Assert.All(result.Config!.StageMatrix.Stages, s => Assert.Equal(CoordinationConfig.Local, s.Coordination.Engine));
    }

    [Fact]
    public void Load_Etcd_ReadsEveryKey_AndTheLeaseDefaultsToThreeIntervals()
    {
        using var dir = WithDev("""
                coordination:
                  engine: etcd
                  endpoint: http://etcd.lumen.svc:2379
                  prefix: /team-a/lumen/
                  replica_env: POD_NAME

            """);

        var result = ConfigLoader.Load(dir.Path);

        Assert.Empty(result.Errors);
        var dev = result.Config!.StageMatrix.Stages.Single(s => s.Name == "dev");
        Assert.Equal(new CoordinationConfig("etcd", new Uri("http://etcd.lumen.svc:2379"), "/team-a/lumen/", null, "POD_NAME"), dev.Coordination);
        Assert.Equal(90, dev.Coordination.EffectiveLeaseTtlSeconds(dev.Policy.IntervalSeconds));
    }

    [Fact]
    public void Load_Kubernetes_ReadsNamespaceKubeconfigAndContext_AndNeedsNoEndpoint()
    {
        using var dir = WithDev("""
                coordination:
                  engine: kubernetes
                  namespace: lumen
                  kubeconfig: ~/.kube/config
                  context: prod
                  prefix: /team-a/

            """);

        var result = ConfigLoader.Load(dir.Path);

        Assert.Empty(result.Errors);
        var c = result.Config!.StageMatrix.Stages.Single(s => s.Name == "dev").Coordination;
        Assert.Equal((CoordinationConfig.Kubernetes, "lumen", "~/.kube/config", "prod", "team-a"), (c.Engine, c.Namespace, c.Kubeconfig, c.Context, c.LeasePrefix));
        Assert.Null(c.Endpoint);
    }

    [Theory]
    [InlineData("engine: kubernetes\n      endpoint: http://etcd:2379", "stages.dev.coordination.endpoint", "no endpoint for engine kubernetes")]
    [InlineData("engine: kubernetes\n      namespace: Lumen_NS", "stages.dev.coordination.namespace", "a Kubernetes namespace")]
    [InlineData("engine: kubernetes\n      prefix: /Team_A/", "stages.dev.coordination.prefix", "Lease name")]
    [InlineData("engine: zookeeper", "stages.dev.coordination.engine", "expected one of local, etcd, kubernetes")]
    [InlineData("engine: etcd", "stages.dev.coordination.endpoint", "etcd client URL")]
    [InlineData("engine: etcd\n      endpoint: http://etcd:2379\n      lease_ttl_seconds: 45", "stages.dev.coordination.lease_ttl_seconds", "expected at least 60")]
    [InlineData("engine: etcd\n      endpoint: http://etcd:2379\n      prefix: lumen", "stages.dev.coordination.prefix", "starts and ends with /")]
    [InlineData("engine: etcd\n      endpoint: http://etcd:2379\n      leases: 3", "stages.dev.coordination", "leases")]
    public void Load_BadBlock_IsAnErrorAtItsKey(string body, string path, string message)
    {
        using var dir = WithDev("    coordination:\n      " + body + "\n");

        var result = ConfigLoader.Load(dir.Path);

        var error = Assert.Single(result.Errors);
        Assert.StartsWith(path, error.Path, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
    }
}

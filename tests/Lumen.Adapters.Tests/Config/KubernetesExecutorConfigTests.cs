using Lumen.Adapters.Config;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Tests.Config;

/// <summary><c>kind: kubernetes</c> in services.yaml: its keys, knob targets checked with their line, every knob mapped.</summary>
public sealed class KubernetesExecutorConfigTests
{
    private const string FileBlock =
        "        kind: file\n        path: /etc/search/canary.env\n        format: env                 # yaml | json | env\n        reload_command: [systemctl, reload, search-canary]\n";

    private static ConfigLoadResult LoadWith(string block)
    {
        using var dir = ConfigFixtures.ValidCopy();
        var path = dir.File(ConfigFiles.Services);
        var text = File.ReadAllText(path);
        Assert.Contains(FileBlock, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(FileBlock, block, StringComparison.Ordinal));
        return ConfigLoader.Load(dir.Path);
    }

    [Fact]
    public void Load_KubernetesExecutor_ReadsEverySetting()
    {
        var result = LoadWith("""
                    kind: kubernetes
                    namespace: shop
                    deployment: search-canary
                    container: app
                    knobs:
                      concurrency_limit: env:CONCURRENCY_LIMIT
                      cache_size_mb: configmap:search-config/CACHE_SIZE_MB
                    rollout_timeout_ms: 120000

            """);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var spec = Assert.IsType<KubernetesExecutorSpec>(result.Config!.Services.Services[1].Executors.Canary);
        Assert.Equal("shop", spec.Namespace);
        Assert.Equal("search-canary", spec.Deployment);
        Assert.Equal("app", spec.Container);
        Assert.Equal("configmap:search-config/CACHE_SIZE_MB", spec.Knobs["cache_size_mb"]);
        Assert.Equal(120_000, spec.RolloutTimeoutMs);
        Assert.Equal(KubernetesExecutorSpec.DefaultTimeoutMs, spec.TimeoutMs);
    }

    [Fact]
    public void Load_BadKnobTarget_IsAnErrorAtItsLine()
    {
        var result = LoadWith("""
                    kind: kubernetes
                    deployment: search-canary
                    knobs:
                      concurrency_limit: env:CONCURRENCY_LIMIT
                      cache_size_mb: secret:search/CACHE

            """);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("services[1].executors.canary.knobs.cache_size_mb", error.Path);
        Assert.Contains("expected env:NAME, configmap:CONFIGMAP/KEY or replicas", error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
    }

    [Fact]
    public void Load_KnobWithoutTarget_IsAnError()
    {
        var result = LoadWith("""
                    kind: kubernetes
                    deployment: search-canary
                    knobs:
                      concurrency_limit: env:CONCURRENCY_LIMIT

            """);

        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.Path == "services[1].executors.canary.knobs" && e.Message.Contains("cache_size_mb", StringComparison.Ordinal));
    }
}

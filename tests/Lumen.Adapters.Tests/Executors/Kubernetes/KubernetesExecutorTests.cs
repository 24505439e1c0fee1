using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Lumen.Adapters.Executors.Kubernetes;
using Lumen.Adapters.Tests.TestKit;
using Lumen.Core.Adjustments;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Tests.Executors.Kubernetes;

/// <summary>
/// The Kubernetes executor against <see cref="FakeKubernetesApi"/>: a FAKE API server (real Kestrel on
/// 127.0.0.1, implementing only the Deployment and ConfigMap GET/PATCH endpoints the executor uses,
/// with 409 on a stale resourceVersion and simulated rollout status), because no Kubernetes API server
/// can run on this machine. The same calls against a real cluster: KubernetesClusterTests (opt-in).
/// </summary>
public sealed class KubernetesExecutorTests : IAsyncLifetime
{
    private const string Ns = "shop";
    private const string Token = "s3cr3t-token-value";
    private static readonly string DeploymentPath = FakeKubernetesApi.DeploymentPath(Ns, "checkout-canary");
    private static readonly string ConfigMapPath = FakeKubernetesApi.ConfigMapPath(Ns, "checkout-config");

    private FakeKubernetesApi _api = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        _api.Token = Token;
        _api.AddDeployment(Ns, "checkout-canary", 2,
            ("app", [("CONCURRENCY_LIMIT", "16"), ("LOG_LEVEL", "info")]),
            ("sidecar", []));
        _api.AddConfigMap(Ns, "checkout-config", ("CACHE_SIZE_MB", "256"), ("other", "x"));
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    private KubernetesExecutor Executor(string token = Token, TimeSpan? rolloutTimeout = null, string? container = "app") =>
        new(new KubernetesExecutorOptions(
                Ns,
                "checkout-canary",
                container,
                ImmutableDictionary.CreateRange(StringComparer.Ordinal, new[]
                {
                    Target("concurrency_limit", "env:CONCURRENCY_LIMIT"),
                    Target("queue_depth", "env:QUEUE_DEPTH"),
                    Target("cache_size_mb", "configmap:checkout-config/CACHE_SIZE_MB"),
                    Target("replicas", "replicas"),
                }),
                TimeSpan.FromSeconds(5),
                rolloutTimeout ?? TimeSpan.FromSeconds(10),
                TimeSpan.FromMilliseconds(10)),
            new KubernetesConnection(_api.Url, new SocketsHttpHandler(), () => token, Ns, "test"),
            TimeProvider.System);

    private static KeyValuePair<string, KubernetesKnobTarget> Target(string knob, string text) =>
        KubernetesKnobTarget.TryParse(text, out var t, out var e) ? new(knob, t) : throw new InvalidOperationException(e);

    private static string? Env(JsonObject deployment, string container, string name) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().OfType<JsonObject>()
            .Single(c => c["name"]!.GetValue<string>() == container)["env"]?.AsArray().OfType<JsonObject>()
            .SingleOrDefault(e => e["name"]!.GetValue<string>() == name)?["value"]?.GetValue<string>();

    [Fact]
    public async Task SetAsync_EnvVar_PatchesTheContainerEnvWithItsResourceVersionAndReadsBack()
    {
        var executor = Executor();
        var before = _api.Get(DeploymentPath)["metadata"]!["resourceVersion"]!.GetValue<string>();

        var set = await executor.SetAsync("concurrency_limit", 24, CancellationToken.None);

        Assert.True(set.IsOk, set.Reason);
        Assert.Equal(24, set.Value);
        var stored = _api.Get(DeploymentPath);
        Assert.Equal("24", Env(stored, "app", "CONCURRENCY_LIMIT"));
        Assert.Equal("info", Env(stored, "app", "LOG_LEVEL"));
        Assert.Equal(2, stored["metadata"]!["generation"]!.AsLong());
        var patch = _api.Requests.Single(r => r.Method == "PATCH");
        Assert.Equal("application/json-patch+json", patch.ContentType);
        Assert.Contains($"\"value\":\"{before}\"", patch.Body, StringComparison.Ordinal);
        Assert.Contains("/metadata/resourceVersion", patch.Body, StringComparison.Ordinal);
        var read = await executor.GetAsync("concurrency_limit", CancellationToken.None);
        Assert.Equal(24, read.Value);
    }

    [Fact]
    public async Task SetAsync_EnvVarNotYetSet_AddsItToTheNamedContainerOnly()
    {
        var set = await Executor().SetAsync("queue_depth", 8, CancellationToken.None);

        Assert.True(set.IsOk, set.Reason);
        var stored = _api.Get(DeploymentPath);
        Assert.Equal("8", Env(stored, "app", "QUEUE_DEPTH"));
        Assert.Null(Env(stored, "sidecar", "QUEUE_DEPTH"));
    }

    [Fact]
    public async Task SetAsync_TwoContainersAndNoContainerSetting_FailsNamingTheContainers()
    {
        var set = await Executor(container: null).SetAsync("concurrency_limit", 24, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.False(set.Transient);
        Assert.Contains("app, sidecar", set.Reason, StringComparison.Ordinal);
        Assert.Equal(0, _api.Count("PATCH", DeploymentPath));
    }

    [Fact]
    public async Task SetAsync_ConfigMapKey_WritesTheKeyAndRollsThePodTemplate()
    {
        var set = await Executor().SetAsync("cache_size_mb", 512, CancellationToken.None);

        Assert.True(set.IsOk, set.Reason);
        Assert.Equal(512, set.Value);
        var map = _api.Get(ConfigMapPath);
        Assert.Equal("512", map["data"]!["CACHE_SIZE_MB"]!.GetValue<string>());
        Assert.Equal("x", map["data"]!["other"]!.GetValue<string>());
        var deployment = _api.Get(DeploymentPath);
        Assert.Equal("512", deployment["spec"]!["template"]!["metadata"]!["annotations"]!["config.lumen.dev/checkout-config.CACHE_SIZE_MB"]!.GetValue<string>());
        Assert.Equal(2, deployment["metadata"]!["generation"]!.AsLong());
        Assert.All(_api.Requests.Where(r => r.Method == "PATCH"), r => Assert.Equal("application/merge-patch+json", r.ContentType));
    }

    [Fact]
    public async Task SetAsync_SameConfigMapValueAgain_DoesNotRollThePodsAgain()
    {
        var executor = Executor();
        await executor.SetAsync("cache_size_mb", 512, CancellationToken.None);
        var patches = _api.Requests.Count(r => r.Method == "PATCH");

        var again = await executor.SetAsync("cache_size_mb", 512, CancellationToken.None);

        Assert.True(again.IsOk, again.Reason);
        Assert.Equal(patches, _api.Requests.Count(r => r.Method == "PATCH"));
        Assert.Equal(2, _api.Get(DeploymentPath)["metadata"]!["generation"]!.AsLong());
    }

    [Fact]
    public async Task GetAsync_ConfigMapEditedButNotRolledOut_IsNotReportedAsTheValue()
    {
        var executor = Executor();
        await executor.SetAsync("cache_size_mb", 512, CancellationToken.None);
        _api.Mutate(ConfigMapPath, m => m["data"]!["CACHE_SIZE_MB"] = "1024");

        var read = await executor.GetAsync("cache_size_mb", CancellationToken.None);

        Assert.False(read.IsOk);
        Assert.Contains("holds 1024", read.Reason, StringComparison.Ordinal);
        Assert.Contains("rolled out for 512", read.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAsync_Replicas_PatchesSpecReplicas()
    {
        var set = await Executor().SetAsync("replicas", 5, CancellationToken.None);

        Assert.True(set.IsOk, set.Reason);
        Assert.Equal(5, set.Value);
        var stored = _api.Get(DeploymentPath);
        Assert.Equal(5, stored["spec"]!["replicas"]!.AsLong());
        Assert.Equal(5, stored["status"]!["availableReplicas"]!.AsLong());
    }

    [Fact]
    public async Task SetAsync_FractionalReplicas_FailsWithoutWriting()
    {
        var set = await Executor().SetAsync("replicas", 2.5, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.False(set.Transient);
        Assert.Empty(_api.Requests);
    }

    [Fact]
    public async Task GetAllAsync_ReadsEachObjectOnce()
    {
        var results = await Executor().GetAllAsync(["concurrency_limit", "replicas", "cache_size_mb", "unmapped"], CancellationToken.None);

        Assert.Equal(16, results["concurrency_limit"].Value);
        Assert.Equal(2, results["replicas"].Value);
        Assert.Equal(256, results["cache_size_mb"].Value);
        Assert.False(results["unmapped"].IsOk);
        Assert.Equal(1, _api.Count("GET", DeploymentPath));
        Assert.Equal(1, _api.Count("GET", ConfigMapPath));
        Assert.Equal(2, _api.Requests.Count);
    }

    [Fact]
    public async Task SetAsync_ObjectChangedAfterTheRead_ReportsConflictAndDoesNotOverwrite()
    {
        // Another writer (kubectl, a GitOps sync) changes the env between Lumen's GET and its PATCH.
        _api.BeforeNextPatch = () => _api.Mutate(DeploymentPath, d =>
            d["spec"]!["template"]!["spec"]!["containers"]![0]!["env"]![0]!["value"] = "40");

        var set = await Executor().SetAsync("concurrency_limit", 24, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.True(set.Transient);
        Assert.StartsWith("conflict: deployments shop/checkout-canary changed after it was read", set.Reason, StringComparison.Ordinal);
        Assert.Contains("nothing was overwritten", set.Reason, StringComparison.Ordinal);
        Assert.Equal("40", Env(_api.Get(DeploymentPath), "app", "CONCURRENCY_LIMIT"));
        Assert.Equal(2, _api.Count("GET", DeploymentPath)); // the read, and the re-read after 409
    }

    [Fact]
    public async Task SetAsync_ConfigMapChangedAfterTheRead_ReportsConflictAndKeepsTheOtherWrite()
    {
        _api.BeforeNextPatch = () => _api.Mutate(ConfigMapPath, m => m["data"]!["CACHE_SIZE_MB"] = "128");

        var set = await Executor().SetAsync("cache_size_mb", 512, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.StartsWith("conflict: configmaps shop/checkout-config", set.Reason, StringComparison.Ordinal);
        Assert.Equal("128", _api.Get(ConfigMapPath)["data"]!["CACHE_SIZE_MB"]!.GetValue<string>());
        Assert.Equal(0, _api.Count("PATCH", DeploymentPath));
    }

    [Fact]
    public async Task SetAsync_RolloutTakesSeveralChecks_ReturnsOnlyWhenItIsComplete()
    {
        _api.RolloutSteps = 4;

        var set = await Executor().SetAsync("concurrency_limit", 24, CancellationToken.None);

        Assert.True(set.IsOk, set.Reason);
        Assert.Contains("rollout complete after 4 check(s)", set.Detail, StringComparison.Ordinal);
        var status = _api.Get(DeploymentPath)["status"]!;
        Assert.Equal(2, status["observedGeneration"]!.AsLong());
        Assert.Equal(2, status["updatedReplicas"]!.AsLong());
        Assert.Equal(2, status["availableReplicas"]!.AsLong());
    }

    [Fact]
    public async Task SetAsync_RolloutNeverCompletes_FailsAfterTheBoundAsTransient()
    {
        _api.RolloutStuck = true;

        var set = await Executor(rolloutTimeout: TimeSpan.FromMilliseconds(300)).SetAsync("concurrency_limit", 24, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.True(set.Transient);
        Assert.Contains("rollout not complete", set.Reason, StringComparison.Ordinal);
        Assert.Contains("0 of 2 replicas updated", set.Reason, StringComparison.Ordinal);
        Assert.Equal("24", Env(_api.Get(DeploymentPath), "app", "CONCURRENCY_LIMIT"));
    }

    [Fact]
    public async Task SetAsync_ProgressDeadlineExceeded_FailsAsPermanent()
    {
        _api.ProgressDeadlineExceeded = true;

        var set = await Executor().SetAsync("concurrency_limit", 24, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.False(set.Transient);
        Assert.Contains("ProgressDeadlineExceeded", set.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_WithTheToken_SendItAsBearerAndNeverPutItInReasons()
    {
        var good = await Executor().SetAsync("concurrency_limit", 24, CancellationToken.None);
        Assert.True(good.IsOk, good.Reason);
        Assert.All(_api.Requests, r => Assert.Equal($"Bearer {Token}", r.Authorization));

        var bad = Executor(token: "wrong-" + Token);
        var results = new List<ExecutorResult>
        {
            await bad.SetAsync("concurrency_limit", 24, CancellationToken.None),
            await bad.GetAsync("cache_size_mb", CancellationToken.None),
            good,
        };
        results.AddRange((await bad.GetAllAsync(["concurrency_limit", "replicas"], CancellationToken.None)).Values);

        Assert.Contains("401", results[0].Reason, StringComparison.Ordinal);
        Assert.All(results, r => Assert.DoesNotContain(Token, r.Reason + r.Detail, StringComparison.Ordinal));
        Assert.DoesNotContain(Token, new KubernetesConnection(_api.Url, new SocketsHttpHandler(), () => Token, Ns, "test").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetAsync_DeploymentMissing_FailsPermanentlyNamingIt()
    {
        var executor = new KubernetesExecutor(
            Executor().Options with { Deployment = "nope" },
            new KubernetesConnection(_api.Url, new SocketsHttpHandler(), () => Token, Ns, "test"),
            TimeProvider.System);

        var read = await executor.GetAsync("replicas", CancellationToken.None);

        Assert.False(read.IsOk);
        Assert.False(read.Transient);
        Assert.StartsWith("GET deployments shop/nope returned 404", read.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompareAndSetAsync_TargetHoldsTheExpectedValue_Writes()
    {
        var set = await Executor().CompareAndSetAsync("concurrency_limit", 16, 24, CancellationToken.None);

        Assert.True(set.IsOk, set.Reason);
        Assert.Equal("24", Env(_api.Get(DeploymentPath), "app", "CONCURRENCY_LIMIT"));
    }

    [Theory]
    [InlineData("concurrency_limit")]
    [InlineData("cache_size_mb")]
    [InlineData("replicas")]
    public async Task CompareAndSetAsync_SomeoneElseChangedTheValue_WritesNothing(string knob)
    {
        var set = await Executor().CompareAndSetAsync(knob, 99, 3, CancellationToken.None);

        Assert.False(set.IsOk);
        Assert.StartsWith("compare-and-set: deployments shop/checkout-canary", set.Reason, StringComparison.Ordinal);
        Assert.Contains("not the expected 99", set.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(_api.Requests, r => r.Method == "PATCH");
    }
}

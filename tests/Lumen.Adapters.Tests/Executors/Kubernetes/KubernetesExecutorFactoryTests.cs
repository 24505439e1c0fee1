using System.Collections.Immutable;
using Lumen.Adapters.Config;
using Lumen.Adapters.Executors;
using Lumen.Core.Policy;
using Lumen.Adapters.Tests.TestKit;

namespace Lumen.Adapters.Tests.Executors.Kubernetes;

/// <summary>
/// <c>kind: kubernetes</c> through <see cref="ExecutorFactory"/>, from a kubeconfig to a set and a read
/// against <see cref="FakeKubernetesApi"/> (a FAKE API server on loopback: no real one can run here).
/// </summary>
public sealed class KubernetesExecutorFactoryTests : IAsyncLifetime
{
    private const string Token = "factory-token-value";
    private readonly TempDirectory _dir = new();
    private FakeKubernetesApi _api = null!;

    public async Task InitializeAsync()
    {
        _api = await FakeKubernetesApi.StartAsync();
        _api.Token = Token;
        _api.RolloutSteps = 1;
        _api.AddDeployment("shop", "checkout-canary", 1, ("app", [("CONCURRENCY_LIMIT", "16")]));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        _dir.Dispose();
    }

    private Dictionary<string, object?> Settings(params (string Key, object? Value)[] extra)
    {
        var kubeconfig = _dir.File("config");
        File.WriteAllText(kubeconfig, $$"""
            current-context: test
            clusters: [{ name: fake, cluster: { server: "{{_api.Url}}" } }]
            users: [{ name: lumen, user: { token: {{Token}} } }]
            contexts: [{ name: test, context: { cluster: fake, user: lumen, namespace: shop } }]
            """);
        var settings = new Dictionary<string, object?>
        {
            ["kubeconfig"] = kubeconfig,
            ["deployment"] = "checkout-canary",
            ["knobs"] = new Dictionary<string, string> { ["concurrency_limit"] = "env:CONCURRENCY_LIMIT", ["replicas"] = "replicas" },
            ["poll_ms"] = "10",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    [Fact]
    public async Task Create_FromAKubeconfig_SetsAndReadsBackThroughTheApi()
    {
        using var http = new HttpClient();
        var executor = new ExecutorFactory(http, TimeProvider.System).Create("kubernetes", Settings());

        var set = await executor.SetAsync("concurrency_limit", 48, CancellationToken.None);
        var read = await executor.GetAsync("concurrency_limit", CancellationToken.None);

        Assert.True(set.IsOk, set.Reason);
        Assert.Equal(48, read.Value);
        Assert.All(_api.Requests, r => Assert.StartsWith("/apis/apps/v1/namespaces/shop/deployments/checkout-canary", r.Path, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("knobs", null, "executor kubernetes: setting knobs is required")]
    [InlineData("deployment", null, "executor kubernetes: setting deployment is required")]
    [InlineData("timeout_ms", "soon", "executor kubernetes: setting timeout_ms must be a positive whole number of milliseconds, not 'soon'")]
    [InlineData("colour", "blue", "executor kubernetes: unknown setting(s) colour")]
    public void Create_BadSetting_IsAConfigurationErrorNamingIt(string key, string? value, string message)
    {
        using var http = new HttpClient();
        var settings = Settings((key, value));
        if (value is null)
        {
            settings.Remove(key);
        }

        var ex = Assert.Throws<ExecutorConfigurationException>(() => new ExecutorFactory(http, TimeProvider.System).Create("kubernetes", settings));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadKnobTarget_NamesTheKnob()
    {
        using var http = new HttpClient();
        var settings = Settings(("knobs", new Dictionary<string, string> { ["concurrency_limit"] = "env:" }));

        var ex = Assert.Throws<ExecutorConfigurationException>(() => new ExecutorFactory(http, TimeProvider.System).Create("kubernetes", settings));

        Assert.StartsWith("executor kubernetes: knobs.concurrency_limit: expected an env var name", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecutorSpecs_TokenEnvFromAFile_AuthenticatesAndNeverShowsTheToken()
    {
        var kubeconfig = (string)Settings()["kubeconfig"]!;
        File.WriteAllText(kubeconfig, File.ReadAllText(kubeconfig).Replace($"token: {Token}", "token: wrong", StringComparison.Ordinal));
        var tokenFile = _dir.File("k8s-token");
        File.WriteAllText(tokenFile, Token + "\n");
        var spec = new KubernetesExecutorSpec("shop", "checkout-canary", null,
            ImmutableDictionary<string, string>.Empty.Add("concurrency_limit", "env:CONCURRENCY_LIMIT"),
            kubeconfig, null, "K8S_TOKEN", 5000, 10_000);
        using var http = new HttpClient();
        var secrets = new SecretReader(new DictionaryEnvironmentVariables(new Dictionary<string, string> { ["K8S_TOKEN_FILE"] = tokenFile }));

        var (executor, error) = ExecutorSpecs.Create(new ExecutorFactory(http, TimeProvider.System), secrets, "checkout", "canary", spec);
        var read = await executor!.GetAsync("concurrency_limit", CancellationToken.None);
        var (_, missing) = ExecutorSpecs.Create(new ExecutorFactory(http, TimeProvider.System), new SecretReader(new DictionaryEnvironmentVariables(new Dictionary<string, string>())), "checkout", "canary", spec);

        Assert.Null(error);
        Assert.Equal(16, read.Value);
        Assert.Equal($"Bearer {Token}", _api.Requests.Last().Authorization);
        Assert.Equal("services.yaml: checkout: executors.canary: token_env names K8S_TOKEN, but neither K8S_TOKEN nor K8S_TOKEN_FILE is set", missing);
        Assert.Equal("deployments shop/checkout-canary", ExecutorSpecs.Target(spec));
    }
}

using Lumen.Adapters.Executors;
using Lumen.Adapters.Executors.Kubernetes;
using Lumen.Adapters.Tests.TestKit;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Tests.Executors.Kubernetes;

/// <summary>Finding the API server and credentials: kubeconfig, in-cluster files, and clear errors naming the file and key (never a credential).</summary>
public sealed class KubernetesConfigLoaderTests : IDisposable
{
    private const string Secret = "kubeconfig-token-do-not-print";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string Kubeconfig(string server = "https://10.1.2.3:6443", string user = $"token: {Secret}", string currentContext = "dev")
    {
        var path = _dir.File("config");
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: {currentContext}
            clusters:
              - name: c1
                cluster:
                  server: {server}
                  insecure-skip-tls-verify: true
            users:
              - name: u1
                user:
                  {user}
            contexts:
              - name: dev
                context: {"{"} cluster: c1, user: u1, namespace: shop {"}"}
            """);
        return path;
    }

    private static DictionaryEnvironmentVariables Env(params (string Name, string Value)[] vars) =>
        new(vars.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void Load_Kubeconfig_TakesCurrentContextsServerTokenAndNamespace()
    {
        var connection = KubernetesConfigLoader.Load(Kubeconfig(), null, null, Env());

        Assert.Equal(new Uri("https://10.1.2.3:6443"), connection.Server);
        Assert.Equal("shop", connection.DefaultNamespace);
        Assert.Equal(Secret, connection.Token());
        Assert.DoesNotContain(Secret, connection.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Load_KubeconfigFromTheKubeconfigVariable_IsUsedOutsideACluster()
    {
        var path = Kubeconfig();

        var connection = KubernetesConfigLoader.Load(null, null, null, Env(("KUBECONFIG", path + ":/nonexistent")));

        Assert.Contains(path, connection.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TokenFromTokenEnv_ReplacesTheKubeconfigCredentials()
    {
        var connection = KubernetesConfigLoader.Load(Kubeconfig(), null, "from-env", Env());

        Assert.Equal("from-env", connection.Token());
    }

    [Fact]
    public void Load_UnknownContext_NamesTheFileAndTheContextsThereAre()
    {
        var path = Kubeconfig();

        var ex = Assert.Throws<ExecutorConfigurationException>(() => KubernetesConfigLoader.Load(path, "prod", null, Env()));

        Assert.Equal($"executor kubernetes: kubeconfig {path}: contexts: no entry named \"prod\"; found: dev", ex.Message);
    }

    [Fact]
    public void Load_ExecCredentialPlugin_IsRefusedWithWhatToDoInstead()
    {
        var path = Kubeconfig(user: "exec: { command: aws, args: [eks, get-token] }");

        var ex = Assert.Throws<ExecutorConfigurationException>(() => KubernetesConfigLoader.Load(path, null, null, Env()));

        Assert.Contains("users[u1].user uses a credential plugin", ex.Message, StringComparison.Ordinal);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_ServerNotAUrl_NamesTheKeyAndNeverTheToken()
    {
        var path = Kubeconfig(server: "10.1.2.3");

        var ex = Assert.Throws<ExecutorConfigurationException>(() => KubernetesConfigLoader.Load(path, null, null, Env()));

        Assert.Contains("clusters[c1].cluster.server: expected an http(s) URL, found \"10.1.2.3\"", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingTokenFile_NamesIt()
    {
        var path = Kubeconfig(user: "tokenFile: missing-token");

        var ex = Assert.Throws<ExecutorConfigurationException>(() => KubernetesConfigLoader.Load(path, null, null, Env()));

        Assert.Contains($"users[u1].user.tokenFile: no such file {_dir.File("missing-token")}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InvalidYaml_NamesTheLine()
    {
        var path = _dir.File("broken");
        File.WriteAllText(path, "clusters:\n  - name: [unclosed\n");

        var ex = Assert.Throws<ExecutorConfigurationException>(() => KubernetesConfigLoader.Load(path, null, null, Env()));

        Assert.Contains($"kubeconfig {path}: line ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NothingConfigured_SaysWhatWasTried()
    {
        var ex = Assert.Throws<ExecutorConfigurationException>(() => KubernetesConfigLoader.Load(null, null, null, Env(("HOME", _dir.Path))));

        Assert.Contains("KUBERNETES_SERVICE_HOST is not set", ex.Message, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(_dir.Path, ".kube", "config"), ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_InCluster_ReadsTheRotatedServiceAccountTokenOnEveryRequest()
    {
        File.WriteAllText(_dir.File("token"), "first");
        File.WriteAllText(_dir.File("namespace"), "lumen-system\n");

        var connection = KubernetesConfigLoader.Load(null, null, null,
            Env(("KUBERNETES_SERVICE_HOST", "10.96.0.1"), ("KUBERNETES_SERVICE_PORT", "443")), _dir.Path);
        var before = connection.Token();
        File.WriteAllText(_dir.File("token"), "second");

        Assert.Equal(new Uri("https://10.96.0.1:443"), connection.Server);
        Assert.Equal("lumen-system", connection.DefaultNamespace);
        Assert.Equal("first", before);
        Assert.Equal("second", connection.Token());
    }

    [Fact]
    public void Load_InClusterWithoutAServiceAccountToken_SaysSo()
    {
        var ex = Assert.Throws<ExecutorConfigurationException>(() =>
            KubernetesConfigLoader.Load(null, null, null, Env(("KUBERNETES_SERVICE_HOST", "10.96.0.1")), _dir.Path));

        Assert.Contains("automountServiceAccountToken", ex.Message, StringComparison.Ordinal);
    }
}

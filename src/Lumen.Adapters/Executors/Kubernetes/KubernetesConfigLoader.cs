using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Lumen.Core.Policy;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>
/// Finds the API server and credentials, in this order (docs/kubernetes.md): the executor's
/// <c>kubeconfig</c> setting; in-cluster (<c>KUBERNETES_SERVICE_HOST</c> and the mounted
/// ServiceAccount); <c>$KUBECONFIG</c> (its first file); <c>~/.kube/config</c>. A kubeconfig may give
/// the server's CA (file or data), <c>insecure-skip-tls-verify</c>, and a token, a token file or a
/// client certificate and key (files or data). Credential plugins (<c>exec</c>, <c>auth-provider</c>)
/// are refused with a clear error: Lumen runs them nowhere. Every error names the file and key and
/// never contains a credential.
/// </summary>
public static class KubernetesConfigLoader
{
    public const string InClusterDirectory = "/var/run/secrets/kubernetes.io/serviceaccount";

    /// <param name="kubeconfig">The executor's <c>kubeconfig</c> setting (a path; <c>~/</c> is expanded), or null.</param>
    /// <param name="context">The context to use; null takes <c>current-context</c>.</param>
    /// <param name="token">A bearer token that replaces the configured credentials (from <c>token_env</c>), or null.</param>
    /// <param name="inClusterDirectory">Where the ServiceAccount is mounted (tests pass a temp dir).</param>
    public static KubernetesConnection Load(string? kubeconfig, string? context, string? token, IEnvironmentVariables env,
        string inClusterDirectory = InClusterDirectory)
    {
        ArgumentNullException.ThrowIfNull(env);
        if (kubeconfig is not null)
        {
            return FromKubeconfig(Expand(kubeconfig, env), context, token);
        }

        if (env.Get("KUBERNETES_SERVICE_HOST") is { Length: > 0 } host)
        {
            return InCluster(host, env.Get("KUBERNETES_SERVICE_PORT") ?? "443", token, inClusterDirectory);
        }

        var fromEnv = env.Get("KUBECONFIG")?.Split(':', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        var home = env.Get("HOME");
        var path = fromEnv ?? (home is null ? null : Path.Combine(home, ".kube", "config"));
        if (path is null || !File.Exists(path))
        {
            throw new ExecutorConfigurationException(
                "executor kubernetes: no Kubernetes configuration: not running in a cluster (KUBERNETES_SERVICE_HOST is not set), "
                + $"and no kubeconfig at {path ?? "$HOME/.kube/config"} (set the executor's kubeconfig, or $KUBECONFIG)");
        }

        return FromKubeconfig(path, context, token);
    }

    private static string Expand(string path, IEnvironmentVariables env) =>
        path.StartsWith("~/", StringComparison.Ordinal) && env.Get("HOME") is { } home ? Path.Combine(home, path[2..]) : path;

    private static KubernetesConnection InCluster(string host, string port, string? token, string dir)
    {
        var tokenFile = Path.Combine(dir, "token");
        var caFile = Path.Combine(dir, "ca.crt");
        if (token is null && !File.Exists(tokenFile))
        {
            throw new ExecutorConfigurationException(
                $"executor kubernetes: KUBERNETES_SERVICE_HOST is set but {tokenFile} does not exist (is automountServiceAccountToken off?)");
        }

        var server = new Uri($"https://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}");
        var ns = File.Exists(Path.Combine(dir, "namespace")) ? File.ReadAllText(Path.Combine(dir, "namespace")).Trim() : null;
        var roots = File.Exists(caFile) ? LoadRoots(File.ReadAllText(caFile), caFile) : null;
        Func<string?> read = token is not null ? () => token : () => ReadToken(tokenFile);
        return new KubernetesConnection(server, Handler(roots, insecure: false, client: null), read, ns, "in-cluster");
    }

    private static KubernetesConnection FromKubeconfig(string path, string? contextName, string? token)
    {
        var where = $"kubeconfig {path}";
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(path)));
            root = stream.Documents.Count > 0 && stream.Documents[0].RootNode is YamlMappingNode m
                ? m
                : throw Error(where, "expected a mapping with clusters, users and contexts");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Error(where, $"cannot be read: {(ex is FileNotFoundException or DirectoryNotFoundException ? "no such file" : ex.GetType().Name)}");
        }
        catch (YamlException ex)
        {
            throw Error(where, $"line {ex.Start.Line}: not valid YAML: {ex.Message}");
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var name = contextName ?? Scalar(root, "current-context")
            ?? throw Error(where, "has no current-context; set the executor's context");
        var context = Named(root, "contexts", "context", name, where);
        var clusterName = Scalar(context, "cluster") ?? throw Error(where, $"contexts[{name}].context.cluster is missing");
        var userName = Scalar(context, "user");
        var cluster = Named(root, "clusters", "cluster", clusterName, where);
        var serverText = Scalar(cluster, "server") ?? throw Error(where, $"clusters[{clusterName}].cluster.server is missing");
        if (!Uri.TryCreate(serverText, UriKind.Absolute, out var server) || server.Scheme is not ("https" or "http"))
        {
            throw Error(where, $"clusters[{clusterName}].cluster.server: expected an http(s) URL, found \"{serverText}\"");
        }

        var insecure = string.Equals(Scalar(cluster, "insecure-skip-tls-verify"), "true", StringComparison.OrdinalIgnoreCase);
        var roots = Pem(cluster, "certificate-authority", dir, where, $"clusters[{clusterName}].cluster") is { } ca
            ? LoadRoots(ca, $"{where}: clusters[{clusterName}].cluster.certificate-authority")
            : null;

        X509Certificate2? clientCert = null;
        Func<string?> read = () => null;
        if (token is not null)
        {
            read = () => token;
        }
        else if (userName is not null)
        {
            var user = Named(root, "users", "user", userName, where);
            var at = $"users[{userName}].user";
            if (user.Children.ContainsKey(new YamlScalarNode("exec")) || user.Children.ContainsKey(new YamlScalarNode("auth-provider")))
            {
                throw Error(where, $"{at} uses a credential plugin (exec/auth-provider), which Lumen does not run; "
                    + "give it a token (token_env, a tokenFile, or a ServiceAccount token) or a client certificate");
            }

            if (Scalar(user, "token") is { Length: > 0 } fixedToken)
            {
                read = () => fixedToken;
            }
            else if (Scalar(user, "tokenFile") is { Length: > 0 } tokenFile)
            {
                var full = Path.Combine(dir, tokenFile);
                if (!File.Exists(full))
                {
                    throw Error(where, $"{at}.tokenFile: no such file {full}");
                }

                read = () => ReadToken(full);
            }

            var certPem = Pem(user, "client-certificate", dir, where, at);
            var keyPem = Pem(user, "client-key", dir, where, at);
            if ((certPem is null) != (keyPem is null))
            {
                throw Error(where, $"{at}: client-certificate and client-key must be given together");
            }

            if (certPem is not null && keyPem is not null)
            {
                try
                {
                    clientCert = X509Certificate2.CreateFromPem(certPem, keyPem);
                }
                catch (CryptographicException)
                {
                    throw Error(where, $"{at}: client-certificate/client-key are not a PEM certificate and its private key");
                }
            }
        }

        var ns = Scalar(context, "namespace");
        return new KubernetesConnection(server, Handler(roots, insecure, clientCert), read, ns, $"{where}, context {name}");
    }

    private static SocketsHttpHandler Handler(X509Certificate2Collection? roots, bool insecure, X509Certificate2? client)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        if (insecure)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (roots is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, errors) => TrustedBy(roots, cert, errors);
        }

        if (client is not null)
        {
            handler.SslOptions.ClientCertificates = [client];
        }

        return handler;
    }

    /// <summary>The server's certificate chains to the kubeconfig's CA (the system store is not consulted for a cluster CA).</summary>
    private static bool TrustedBy(X509Certificate2Collection roots, X509Certificate? cert, SslPolicyErrors errors)
    {
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (cert is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(cert.GetRawCertData());
        return chain.Build(leaf);
    }

    private static X509Certificate2Collection LoadRoots(string pem, string where)
    {
        var roots = new X509Certificate2Collection();
        try
        {
            roots.ImportFromPem(pem);
        }
        catch (CryptographicException)
        {
            throw new ExecutorConfigurationException($"executor kubernetes: {where}: not a PEM certificate");
        }

        return roots.Count > 0 ? roots : throw new ExecutorConfigurationException($"executor kubernetes: {where}: no PEM certificate in it");
    }

    /// <summary>PEM text from <c>KEY-data</c> (base64) or the file named by <c>KEY</c> (relative to the kubeconfig).</summary>
    private static string? Pem(YamlMappingNode node, string key, string dir, string where, string at)
    {
        if (Scalar(node, key + "-data") is { Length: > 0 } data)
        {
            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException)
            {
                throw Error(where, $"{at}.{key}-data: expected base64, found something else");
            }
        }

        if (Scalar(node, key) is { Length: > 0 } file)
        {
            var full = Path.Combine(dir, file);
            return File.Exists(full) ? File.ReadAllText(full) : throw Error(where, $"{at}.{key}: no such file {full}");
        }

        return null;
    }

    private static string? ReadToken(string file)
    {
        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static YamlMappingNode Named(YamlMappingNode root, string list, string inner, string name, string where)
    {
        var items = root.Children.TryGetValue(new YamlScalarNode(list), out var node) && node is YamlSequenceNode seq
            ? seq.Children.OfType<YamlMappingNode>().ToList()
            : [];
        foreach (var item in items)
        {
            if (Scalar(item, "name") == name)
            {
                return item.Children.TryGetValue(new YamlScalarNode(inner), out var body) && body is YamlMappingNode m
                    ? m
                    : throw Error(where, $"{list}[{name}].{inner} is missing or not a mapping");
            }
        }

        var known = items.Select(i => Scalar(i, "name")).OfType<string>().ToList();
        throw Error(where, $"{list}: no entry named \"{name}\"; found: {(known.Count == 0 ? "none" : string.Join(", ", known))}");
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode s ? s.Value : null;

    private static ExecutorConfigurationException Error(string where, string message) => new($"executor kubernetes: {where}: {message}");
}

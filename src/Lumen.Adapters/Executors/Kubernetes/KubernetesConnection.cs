namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>
/// Where the API server is and how to authenticate to it, from in-cluster files or a kubeconfig
/// (<see cref="KubernetesConfigLoader"/>). The bearer token is read through <see cref="Token"/> on
/// every request, so a projected ServiceAccount token that the kubelet rotates is picked up.
/// <see cref="ToString"/> names the source and server, never a credential.
/// </summary>
public sealed class KubernetesConnection
{
    private readonly Func<string?> _token;

    /// <param name="server">The API server's base URL (https in a cluster; http is accepted for a local proxy or a test server).</param>
    /// <param name="handler">Carries TLS trust and client certificates; owned by the connection.</param>
    /// <param name="token">Reads the bearer token (null when none: client certificates or a proxy).</param>
    /// <param name="defaultNamespace">The context's or the pod's namespace, used when the executor names none.</param>
    /// <param name="source">"in-cluster" or "kubeconfig PATH, context NAME": for messages.</param>
    public KubernetesConnection(Uri server, HttpMessageHandler handler, Func<string?> token, string? defaultNamespace, string source)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(token);
        Server = server;
        Handler = handler;
        _token = token;
        DefaultNamespace = defaultNamespace;
        Source = source;
    }

    public Uri Server { get; }

    public HttpMessageHandler Handler { get; }

    public string? DefaultNamespace { get; }

    public string Source { get; }

    /// <summary>The current bearer token, or null.</summary>
    internal string? Token() => _token();

    public override string ToString() => $"{Source} → {Server.GetLeftPart(UriPartial.Authority)}";
}

using System.Globalization;
using Lumen.Adapters.Config;
using Lumen.Core.Adjustments;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Executors;

/// <summary>
/// From a service's <see cref="ExecutorSpec"/> (services.yaml) to a working <see cref="IExecutor"/>
/// through the <see cref="ExecutorFactory"/>, resolving <c>token_env</c> from the environment or its
/// <c>_FILE</c> twin. Used by <c>lumen run</c>, promotion and canary rollback alike. Errors are
/// values naming the file, service and track; a secret's value never appears in them.
/// </summary>
public static class ExecutorSpecs
{
    /// <summary>The executor, or an error naming the service, track and what is wrong (never a secret).</summary>
    public static (IExecutor? Executor, string? Error) Create(
        ExecutorFactory factory, SecretReader secrets, string service, string track, ExecutorSpec spec) =>
        Create(factory, secrets, service, track, spec, fence: null);

    /// <summary>As above; the executor's writes carry <paramref name="fence"/> (http, file) when it is set.</summary>
    public static (IExecutor? Executor, string? Error) Create(
        ExecutorFactory factory, SecretReader secrets, string service, string track, ExecutorSpec spec, Lumen.Core.Leases.FencingToken? fence)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(spec);
        var where = $"services.yaml: {service}: executors.{track}";
        Dictionary<string, object?> settings;
        switch (spec)
        {
            case HttpExecutorSpec http:
                settings = new() { ["url"] = http.Url.ToString(), ["timeout_ms"] = Ms(http.TimeoutMs) };
                if (http.TokenEnv is { } tokenEnv)
                {
                    var token = secrets.Read(tokenEnv);
                    if (token.IsError)
                    {
                        return (null, $"{where}: {token.Error}");
                    }

                    if (!token.IsSet)
                    {
                        return (null, $"{where}: token_env names {tokenEnv}, but neither {tokenEnv} nor {tokenEnv}{SecretReader.FileSuffix} is set");
                    }

                    settings["token"] = token.Value;
                }

                break;
            case FileExecutorSpec file:
                settings = new()
                {
                    ["path"] = file.Path,
                    ["format"] = file.Format.ToString().ToLowerInvariant(),
                    ["reload_command"] = file.ReloadCommand.IsDefaultOrEmpty ? null : file.ReloadCommand.ToList(),
                };
                break;
            case CommandExecutorSpec command:
                settings = new() { ["command"] = command.Command.ToList(), ["timeout_ms"] = Ms(command.TimeoutMs) };
                break;
            case KubernetesExecutorSpec kubernetes:
                settings = new()
                {
                    ["namespace"] = kubernetes.Namespace,
                    ["deployment"] = kubernetes.Deployment,
                    ["container"] = kubernetes.Container,
                    ["knobs"] = kubernetes.Knobs.ToDictionary(kv => kv.Key, kv => kv.Value),
                    ["kubeconfig"] = kubernetes.Kubeconfig,
                    ["context"] = kubernetes.Context,
                    ["timeout_ms"] = Ms(kubernetes.TimeoutMs),
                    ["rollout_timeout_ms"] = Ms(kubernetes.RolloutTimeoutMs),
                };
                if (kubernetes.TokenEnv is { } kubeTokenEnv)
                {
                    var token = secrets.Read(kubeTokenEnv);
                    if (token.IsError)
                    {
                        return (null, $"{where}: {token.Error}");
                    }

                    if (!token.IsSet)
                    {
                        return (null, $"{where}: token_env names {kubeTokenEnv}, but neither {kubeTokenEnv} nor {kubeTokenEnv}{SecretReader.FileSuffix} is set");
                    }

                    settings["token"] = token.Value;
                }

                break;
            case SimExecutorSpec:
                return (null, $"{where}: kind sim sets knobs in the embedded simulator; it works in `lumen demo`, not against live services");
            default:
                return (null, $"{where}: unknown executor kind '{spec.Kind}'; known kinds: {string.Join(", ", factory.KnownKinds)}");
        }

        if (fence is not null)
        {
            settings[ExecutorFactory.FenceSetting] = fence;
        }

        try
        {
            return (factory.Create(spec.Kind, settings), null);
        }
        catch (ExecutorConfigurationException ex)
        {
            return (null, $"{where}: {ex.Message}");
        }
    }

    /// <summary>
    /// The lease of the target <paramref name="spec"/> acts on (docs/reliability.md): a lease file beside a
    /// file target, <c>/admin/lease</c> at an http target's origin; null for kinds that cannot hold one
    /// (command, sim), which are acted on without a lease.
    /// </summary>
    public static Lumen.Core.Leases.ITargetLease? Lease(ExecutorSpec spec, SecretReader secrets, HttpClient client, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(secrets);
        return spec switch
        {
            HttpExecutorSpec http => new Leases.HttpTargetLease(http.Url,
                http.TokenEnv is { } env && secrets.Read(env) is { IsSet: true } t ? t.Value : null, client,
                TimeSpan.FromMilliseconds(http.TimeoutMs)),
            FileExecutorSpec file => new Leases.FileTargetLease(file.Path, time),
            _ => null,
        };
    }

    private static string Ms(int ms) => ms.ToString(CultureInfo.InvariantCulture);

    /// <summary>Where the executor acts, for plans and logs (never a token).</summary>
    public static string Target(ExecutorSpec spec) => spec switch
    {
        HttpExecutorSpec http => http.Url.GetLeftPart(UriPartial.Path),
        FileExecutorSpec file => file.Path,
        CommandExecutorSpec command => string.Join(' ', command.Command),
        KubernetesExecutorSpec kubernetes => $"deployments {kubernetes.Namespace ?? "(default namespace)"}/{kubernetes.Deployment}",
        _ => spec.Kind,
    };
}

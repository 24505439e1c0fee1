using System.Collections.Immutable;
using Lumen.Core.Documents;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Config;

/// <summary>Maps an executor mapping to its <see cref="ExecutorSpec"/> subtype by <c>kind</c>; each kind
/// accepts only its own keys. An unknown kind is an error that lists the known ones.</summary>
internal static class ExecutorReader
{
    private const string Argv = "a command as a list [program, arg, ...]";

    private static readonly ImmutableDictionary<string, string[]> KeysByKind = new Dictionary<string, string[]>
    {
        [ExecutorKinds.Sim] = ["kind"],
        [ExecutorKinds.Http] = ["kind", "url", "token_env", "timeout_ms"],
        [ExecutorKinds.File] = ["kind", "path", "format", "reload_command"],
        [ExecutorKinds.Command] = ["kind", "command", "timeout_ms"],
        [ExecutorKinds.Kubernetes] = ["kind", "namespace", "deployment", "container", "knobs", "kubeconfig", "context", "token_env", "timeout_ms", "rollout_timeout_ms"],
    }.ToImmutableDictionary();

    public static ExecutorSpec? Read(YNode node, string p, NodeReader r)
    {
        if (r.AsMapping(node, p, "an executor (a mapping with kind and its settings)") is not { } m)
        {
            return null;
        }

        var known = string.Join(", ", ExecutorKinds.Known);
        var kind = r.Str(m, p, "kind", $"one of {known}", $"one of {known}");
        if (kind is null)
        {
            return null;
        }

        if (!KeysByKind.TryGetValue(kind, out var keys))
        {
            r.Error(r.PositionOf($"{p}.kind"), $"{p}.kind", $"unknown executor kind: expected one of {known}, found \"{kind}\"");
            return null;
        }

        r.CheckKeys(m, p, keys);
        switch (kind)
        {
            case ExecutorKinds.Http:
                return new HttpExecutorSpec(
                    r.Url(m, p, "url", required: true) ?? new Uri("http://placeholder.invalid"),
                    r.Str(m, p, "token_env", expectation: "an environment variable name"),
                    r.Int(m, p, "timeout_ms", HttpExecutorSpec.DefaultTimeoutMs, "a whole number of milliseconds"));
            case ExecutorKinds.File:
                var format = r.Get(m, p, "format", "one of yaml, json, env") is { } f
                    ? r.Choice(f, $"{p}.format", ServicesReader.FileFormats) ?? FileFormat.Yaml
                    : FileFormat.Yaml;
                return new FileExecutorSpec(
                    r.Str(m, p, "path", "a file path", "a file path") ?? "placeholder",
                    format,
                    r.Get(m, p, "reload_command") is { } rc ? r.StrList(rc, $"{p}.reload_command", Argv) : []);
            case ExecutorKinds.Command:
                var command = r.Get(m, p, "command", Argv) is { } c ? r.StrList(c, $"{p}.command", Argv) : ["placeholder"];
                return new CommandExecutorSpec(
                    command,
                    r.Int(m, p, "timeout_ms", CommandExecutorSpec.DefaultTimeoutMs, "a whole number of milliseconds"));
            case ExecutorKinds.Kubernetes:
                return KubernetesExecutorReader.Read(m, p, r);
            default:
                return new SimExecutorSpec();
        }
    }
}

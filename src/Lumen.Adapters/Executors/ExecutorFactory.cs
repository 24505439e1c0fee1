using System.Collections.Immutable;
using Lumen.Adapters.Executors.Kubernetes;
using Lumen.Core.Adjustments;

namespace Lumen.Adapters.Executors;

/// <summary>
/// Builds an executor from its kind name and settings (docs/executors.md). Known kinds:
/// <c>sim</c>, <c>http</c>, <c>file</c>, <c>command</c>, <c>kubernetes</c> (docs/kubernetes.md); others
/// (e.g. the simulator's own <c>sim</c>) are added with <see cref="WithKind"/>. An unknown kind or a bad
/// setting throws <see cref="ExecutorConfigurationException"/> at start-up, naming the known kinds.
/// </summary>
public sealed class ExecutorFactory
{
    private readonly ImmutableDictionary<string, Func<IReadOnlyDictionary<string, object?>, IExecutor>> _builders;

    /// <param name="httpClient">Shared by every http executor; owned by the caller (the composition root).</param>
    /// <param name="time">The composition root's clock, for the executors that wait (the kubernetes rollout).</param>
    public ExecutorFactory(HttpClient httpClient, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        ArgumentNullException.ThrowIfNull(time);
        _builders = ImmutableDictionary.CreateRange(StringComparer.Ordinal, new[]
        {
            Entry(InMemoryExecutor.KindName, BuildSim),
            Entry(HttpExecutor.KindName, s => BuildHttp(s, httpClient)),
            Entry(FileExecutor.KindName, BuildFile),
            Entry(CommandExecutor.KindName, BuildCommand),
            Entry(KubernetesExecutor.KindName, s => KubernetesExecutorBuilder.Build(s, time)),
        });
    }

    private ExecutorFactory(ImmutableDictionary<string, Func<IReadOnlyDictionary<string, object?>, IExecutor>> builders) =>
        _builders = builders;

    /// <summary>Kinds in the order they are documented: memory, http, file, command, kubernetes, then added ones alphabetically.</summary>
    public ImmutableArray<string> KnownKinds =>
        [.. _builders.Keys.OrderBy(k => Array.IndexOf(BuiltInOrder, k) is var i and >= 0 ? i : BuiltInOrder.Length).ThenBy(k => k, StringComparer.Ordinal)];

    private static readonly string[] BuiltInOrder =
        [InMemoryExecutor.KindName, HttpExecutor.KindName, FileExecutor.KindName, CommandExecutor.KindName, KubernetesExecutor.KindName];

    /// <summary>A factory that also knows (or replaces) <paramref name="kind"/>.</summary>
    public ExecutorFactory WithKind(string kind, Func<IReadOnlyDictionary<string, object?>, IExecutor> build)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(build);
        return new ExecutorFactory(_builders.SetItem(kind, build));
    }

    public IExecutor Create(string kind, IReadOnlyDictionary<string, object?> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (string.IsNullOrWhiteSpace(kind) || !_builders.TryGetValue(kind, out var build))
        {
            throw new ExecutorConfigurationException(
                $"unknown executor kind '{kind}'; known kinds: {string.Join(", ", KnownKinds)}");
        }

        try
        {
            return build(settings);
        }
        catch (ArgumentException ex)
        {
            throw new ExecutorConfigurationException($"executor {kind}: {ex.Message}", ex);
        }
    }

    private static KeyValuePair<string, Func<IReadOnlyDictionary<string, object?>, IExecutor>> Entry(
        string kind, Func<IReadOnlyDictionary<string, object?>, IExecutor> build) => new(kind, build);

    /// <summary>Settings: <c>initial</c>, a map of knob → starting value.</summary>
    private static InMemoryExecutor BuildSim(IReadOnlyDictionary<string, object?> values)
    {
        var settings = new ExecutorSettings(InMemoryExecutor.KindName, values);
        settings.RejectUnknown("initial");
        var initial = (settings.Map("initial") ?? ImmutableDictionary<string, string>.Empty).Select(kv =>
            KnobValue.TryParse(kv.Value, out var v)
                ? new KeyValuePair<string, double>(kv.Key, v)
                : throw settings.Error($"initial value of {kv.Key} is not a finite number"));
        return new InMemoryExecutor(initial.ToList());
    }

    private static HttpExecutor BuildHttp(IReadOnlyDictionary<string, object?> values, HttpClient client)
    {
        var settings = new ExecutorSettings(HttpExecutor.KindName, values);
        settings.RejectUnknown("url", "token", "timeout_ms", "put");
        var url = settings.RequiredString("url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            throw settings.Error($"url '{url}' is not an absolute URL");
        }

        var put = settings.String("put") switch
        {
            null or "knob" => HttpPutMode.Knob,
            "object" => HttpPutMode.Object,
            var other => throw settings.Error($"put must be knob or object, not '{other}'"),
        };
        return new HttpExecutor(new HttpExecutorOptions(uri, settings.String("token"), settings.Milliseconds("timeout_ms"), put) { Fence = Fence(values) }, client);
    }

    private static FileExecutor BuildFile(IReadOnlyDictionary<string, object?> values)
    {
        var settings = new ExecutorSettings(FileExecutor.KindName, values);
        settings.RejectUnknown("path", "format", "reload_command", "reload_timeout_ms", "keys");
        var path = settings.RequiredString("path");
        var format = settings.String("format") ?? FormatFromExtension(path);
        var parsed = format switch
        {
            "yaml" or "yml" => ConfigFileFormat.Yaml,
            "json" => ConfigFileFormat.Json,
            "env" => ConfigFileFormat.Env,
            _ => throw settings.Error($"format must be yaml, json or env, not '{format}'"),
        };
        return new FileExecutor(new FileExecutorOptions(
            path, parsed, settings.List("reload_command"), settings.Milliseconds("reload_timeout_ms"), settings.Map("keys")) { Fence = Fence(values) });
    }

    /// <summary>The setting through which the composition root hands an executor its <see cref="Lumen.Core.Leases.FencingToken"/> (never from YAML).</summary>
    public const string FenceSetting = "fence";

    private static Lumen.Core.Leases.FencingToken? Fence(IReadOnlyDictionary<string, object?> values) =>
        values.TryGetValue(FenceSetting, out var f) ? f as Lumen.Core.Leases.FencingToken : null;

    private static CommandExecutor BuildCommand(IReadOnlyDictionary<string, object?> values)
    {
        var settings = new ExecutorSettings(CommandExecutor.KindName, values);
        settings.RejectUnknown("command", "timeout_ms", "working_dir");
        var command = settings.List("command");
        if (command.IsEmpty)
        {
            throw settings.Error("setting command is required (a list: program and fixed arguments)");
        }

        return new CommandExecutor(new CommandExecutorOptions(command, settings.Milliseconds("timeout_ms"), settings.String("working_dir")));
    }

    private static string FormatFromExtension(string path) =>
        Path.GetExtension(path).TrimStart('.').ToLowerInvariant() switch
        {
            "" when Path.GetFileName(path).StartsWith(".env", StringComparison.Ordinal) => "env",
            var ext => ext,
        };
}

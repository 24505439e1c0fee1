using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>Value and cross-field checks of <c>services.yaml</c>.</summary>
public static class ServiceCatalogValidator
{
    /// <summary>The placeholders an SLI template may use.</summary>
    public static ImmutableArray<string> Placeholders { get; } = ["service", "track", "window", "selector"];

    public const int MaxTimeoutMs = 600_000;

    /// <summary>The shortest <c>rhythm_period</c>: a cycle shorter than an hour is noise at a 30 s interval.</summary>
    public static readonly TimeSpan MinRhythmPeriod = TimeSpan.FromHours(1);

    public static ImmutableArray<ConfigProblem> Validate(ServiceCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var sink = new ProblemSink(ConfigFiles.Services);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < catalog.Services.Length; i++)
        {
            var service = catalog.Services[i];
            var p = ConfigPaths.Service(i);
            sink.Identifier($"{p}.name", service.Name, "service");
            if (!seen.TryAdd(service.Name, i))
            {
                sink.Add($"{p}.name", $"expected a unique service name, found {ConfigText.Quote(service.Name)} again (first at services[{seen[service.Name]}])");
            }

            if (service.RhythmPeriod is { } period && period.Value < MinRhythmPeriod)
            {
                sink.Add($"{p}.rhythm_period", $"expected a Prometheus duration of at least 1h, found {ConfigText.Quote(period.Text)}");
            }

            if (service.Rollout is { } rollout)
            {
                RolloutMappingValidator.Validate(sink, $"{p}.rollout", rollout);
            }

            ValidateSli(sink, $"{p}.sli", service.Sli);
            ValidateKnobs(sink, i, service.Knobs);
            ValidateExecutor(sink, $"{p}.executors.canary", service.Executors.Canary, service);
            if (service.Executors.Baseline is { } baseline)
            {
                ValidateExecutor(sink, $"{p}.executors.baseline", baseline, service);
            }
        }

        RolloutMappingValidator.Unique(sink, catalog);
        return sink.ToImmutable();
    }

    private static void ValidateSli(ProblemSink sink, string p, SliQueries sli)
    {
        foreach (var key in SliQueries.Keys)
        {
            var promQl = key switch
            {
                "p95_ms" => sli.P95Ms,
                "error_rate" => sli.ErrorRate,
                "rps" => sli.Rps,
                _ => sli.Saturation,
            };
            if (sli.Loki.TryGetValue(key, out var logQl))
            {
                if (!string.IsNullOrEmpty(promQl))
                {
                    sink.Add($"{p}.{key}", $"expected either a PromQL template in {p}.{key} or a LogQL template in {p}.loki.{key}, found both");
                }

                Template(sink, $"{p}.loki.{key}", logQl, "LogQL");
            }
            else if (promQl is not null || key != "saturation")
            {
                Template(sink, $"{p}.{key}", promQl ?? "", "PromQL");
            }
        }

        foreach (var key in sli.Loki.Keys.Where(k => !SliQueries.Keys.Contains(k, StringComparer.Ordinal)))
        {
            sink.Add($"{p}.loki.{key}", $"unknown SLI '{key}': expected one of {string.Join(", ", SliQueries.Keys)}");
        }
    }

    /// <summary>A PromQL template must be non-blank and use only known placeholders: a typo such as
    /// <c>$servcie</c> would otherwise reach Prometheus as a parse error on every tick.</summary>
    private static void Template(ProblemSink sink, string path, string query, string language)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            sink.Add(path, $"expected a {language} query template, found an empty string");
            return;
        }

        for (var i = 0; i < query.Length; i++)
        {
            if (query[i] != '$')
            {
                continue;
            }

            var end = i + 1;
            while (end < query.Length && (char.IsAsciiLetterOrDigit(query[end]) || query[end] == '_'))
            {
                end++;
            }

            var name = query[(i + 1)..end];
            if (!Placeholders.Contains(name, StringComparer.Ordinal))
            {
                sink.Add(path, $"expected only the placeholders $service, $track, $window and $selector, found {ConfigText.Quote("$" + name)}");
            }

            i = end - 1;
        }
    }

    private static void ValidateKnobs(ProblemSink sink, int service, ImmutableArray<KnobSpec> knobs)
    {
        if (knobs.IsDefaultOrEmpty)
        {
            sink.Add($"{ConfigPaths.Service(service)}.knobs", "expected at least one knob, found none");
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var j = 0; j < knobs.Length; j++)
        {
            var k = knobs[j];
            var p = ConfigPaths.Knob(service, j);
            sink.Identifier($"{p}.name", k.Name, "knob");
            if (!seen.TryAdd(k.Name, j))
            {
                sink.Add($"{p}.name", $"expected a unique knob name within the service, found {ConfigText.Quote(k.Name)} again (first at knobs[{seen[k.Name]}])");
            }

            ValidateKnob(sink, p, k);
        }
    }

    private static void ValidateKnob(ProblemSink sink, string p, KnobSpec k)
    {
        var finite = double.IsFinite(k.Min) && double.IsFinite(k.Max) && double.IsFinite(k.Default) && double.IsFinite(k.Step);
        if (!finite)
        {
            sink.Add(p, "expected finite min, max, default and step");
            return;
        }

        if (k.Min >= k.Max)
        {
            sink.Add($"{p}.min", $"expected min < max, found min {ConfigText.Number(k.Min)} and max {ConfigText.Number(k.Max)}");
        }
        else if (k.Default < k.Min || k.Default > k.Max)
        {
            sink.Add($"{p}.default", $"expected a default within [min, max] = [{ConfigText.Number(k.Min)}, {ConfigText.Number(k.Max)}], found {ConfigText.Number(k.Default)}");
        }

        if (k.Step <= 0)
        {
            sink.Add($"{p}.step", $"expected a step > 0, found {ConfigText.Number(k.Step)}");
        }
        else if (k.Min < k.Max && k.Step > k.Max - k.Min)
        {
            sink.Add($"{p}.step", $"expected a step no larger than max - min ({ConfigText.Number(k.Max - k.Min)}), found {ConfigText.Number(k.Step)}");
        }

        if (k.Integer)
        {
            foreach (var (key, value) in new[] { ("min", k.Min), ("max", k.Max), ("default", k.Default), ("step", k.Step) })
            {
                if (Math.Floor(value) != value)
                {
                    sink.Add($"{p}.{key}", $"expected a whole number (the knob is integer: true), found {ConfigText.Number(value)}");
                }
            }
        }

        sink.AtLeast($"{p}.settle_seconds", k.SettleSeconds, 0);
        sink.AtLeast($"{p}.measure_seconds", k.MeasureSeconds, 30);
        sink.AtLeast($"{p}.cost_weight", k.CostWeight, 0);
    }

    private static void ValidateExecutor(ProblemSink sink, string p, ExecutorSpec executor, ServiceConfig service)
    {
        switch (executor)
        {
            case HttpExecutorSpec http:
                sink.HttpUrl($"{p}.url", http.Url);
                sink.EnvVarName($"{p}.token_env", http.TokenEnv);
                sink.Range($"{p}.timeout_ms", http.TimeoutMs, 1, MaxTimeoutMs);
                break;
            case FileExecutorSpec file:
                if (string.IsNullOrWhiteSpace(file.Path))
                {
                    sink.Add($"{p}.path", "expected a file path, found an empty string");
                }

                Argv(sink, $"{p}.reload_command", file.ReloadCommand, required: false);
                break;
            case CommandExecutorSpec command:
                Argv(sink, $"{p}.command", command.Command, required: true);
                sink.Range($"{p}.timeout_ms", command.TimeoutMs, 1, MaxTimeoutMs);
                break;
            case KubernetesExecutorSpec kubernetes:
                KubernetesExecutorRules.Validate(sink, p, kubernetes, service);
                break;
            default:
                break;
        }
    }

    private static void Argv(ProblemSink sink, string path, ImmutableArray<string> argv, bool required)
    {
        if (argv.IsDefaultOrEmpty)
        {
            if (required)
            {
                sink.Add(path, "expected a command as a non-empty list [program, arg, ...], found an empty list");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(argv[0]))
        {
            sink.Add($"{path}[0]", "expected a program name, found an empty string");
        }
    }
}

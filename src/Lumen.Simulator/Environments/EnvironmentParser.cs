using System.Collections.Immutable;
using Lumen.Core.Canary;
using Lumen.Core.Documents;
using Lumen.Core.Policy;
using Lumen.Core.Sli;
using Lumen.Simulator.Model;
using Lumen.Simulator.Traces;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Environments;

/// <summary>The environment schema (docs/simulator.md, "Environment files") over a parsed YAML document.</summary>
/// <param name="baseDirectory">Where relative paths in the file (a trace's CSV) are resolved.</param>
internal sealed class EnvironmentParser(EnvironmentReader reader, string source, string baseDirectory)
{
    private static readonly DateTimeOffset DefaultStart = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public SimEnvironment? Parse(YNode root)
    {
        var fields = reader.Fields(root, "environment", "version", "name", "description", "tick_seconds", "start", "duration", "slo", "services", "regressions");
        if (fields is null)
        {
            return null;
        }

        var version = reader.Integer(fields, "environment", "version", 0, 1, 1);
        if (!fields.ContainsKey("version"))
        {
            reader.Error(root, "environment: missing required key 'version' (use version: 1)");
        }

        _ = version;
        var name = reader.Text(reader.Required(fields, root, "environment", "name"), "environment.name") ?? string.Empty;
        var description = fields.TryGetValue("description", out var d) ? reader.Text(d, "environment.description") ?? string.Empty : string.Empty;
        var tickSeconds = reader.Integer(fields, "environment", "tick_seconds", 30, 1, 3600);
        var start = reader.Timestamp(fields, "environment", "start", DefaultStart);
        var duration = reader.Duration(fields, "environment", "duration", TimeSpan.FromDays(3));
        if (fields.TryGetValue("duration", out var durationNode) && duration.TotalSeconds < tickSeconds)
        {
            reader.Error(durationNode, "environment.duration: shorter than one tick");
        }

        var slo = ParseSlo(reader.Required(fields, root, "environment", "slo"));
        var services = ParseServices(reader.Required(fields, root, "environment", "services"));
        var regressions = ParseRegressions(fields.GetValueOrDefault("regressions"), services);
        return new SimEnvironment(name, description, source, tickSeconds, start, duration, slo, services, regressions);
    }

    private SloObjectives ParseSlo(YNode? node)
    {
        const string What = "slo";
        var fields = node is null ? null : reader.Fields(node, What, "latency_p95_ms", "error_rate");
        if (fields is null)
        {
            return new SloObjectives(400, 0.02);
        }

        return new SloObjectives(
            reader.Number(fields, What, "latency_p95_ms", 400, 1, 600_000, required: true, parent: node),
            reader.Number(fields, What, "error_rate", 0.02, 1e-6, 1, required: true, parent: node));
    }

    private ImmutableArray<ServiceSpec> ParseServices(YNode? node)
    {
        var items = reader.Sequence(node, "services");
        if (node is not null && items.Count == 0 && node is YSequence)
        {
            reader.Error(node, "services: at least one service is required");
        }

        var services = ImmutableArray.CreateBuilder<ServiceSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var service = ParseService(item);
            if (service is null)
            {
                continue;
            }

            if (!names.Add(service.Name))
            {
                reader.Error(item, $"services: duplicate service '{service.Name}'");
            }

            services.Add(service);
        }

        return services.ToImmutable();
    }

    private ServiceSpec? ParseService(YNode node)
    {
        var fields = reader.Fields(node, "service", "name", "instances", "model", "knobs", "load");
        if (fields is null)
        {
            return null;
        }

        var name = reader.Text(reader.Required(fields, node, "service", "name"), "service.name") ?? string.Empty;
        var what = $"service '{name}'";
        var (baseline, canary) = ParseInstances(fields.GetValueOrDefault("instances"), what);
        var model = ParseModel(fields.GetValueOrDefault("model"), what);
        var knobs = ParseKnobs(reader.Required(fields, node, what, "knobs"), what, model.CacheWarmupSeconds);
        var load = ParseLoad(reader.Required(fields, node, what, "load"), what);
        return new ServiceSpec(name, baseline, canary, model, knobs, load);
    }

    private (int Baseline, int Canary) ParseInstances(YNode? node, string what)
    {
        var fields = node is null ? null : reader.Fields(node, $"{what}.instances", "baseline", "canary");
        if (fields is null)
        {
            return (4, 1);
        }

        return (reader.Integer(fields, $"{what}.instances", "baseline", 4, 1, 1000),
                reader.Integer(fields, $"{what}.instances", "canary", 1, 1, 1000));
    }

    private ModelParameters ParseModel(YNode? node, string what)
    {
        var defaults = new ModelParameters();
        var w = $"{what}.model";
        var fields = node is null ? null : reader.Fields(
            node, w, "cores", "hit_service_ms", "miss_service_ms", "hit_ratio_max", "cache_scale_mb",
            "contention", "gc_ms_per_gb", "base_error_rate", "max_latency_ms", "latency_noise",
            "idle_contention", "knee_utilization", "cache_warmup_seconds", "memory_limit_mb", "worker_memory_mb", "restart_seconds",
            "client_retries", "storm_goodput");
        if (fields is null)
        {
            return defaults;
        }

        Needs(fields, w, "memory_limit_mb", "worker_memory_mb", "restart_seconds");
        Needs(fields, w, "client_retries", "storm_goodput");
        return new ModelParameters
        {
            Cores = reader.Integer(fields, w, "cores", defaults.Cores, 1, 1024),
            HitServiceMs = reader.Number(fields, w, "hit_service_ms", defaults.HitServiceMs, 0.01, 60_000),
            MissServiceMs = reader.Number(fields, w, "miss_service_ms", defaults.MissServiceMs, 0.01, 60_000),
            HitRatioMax = reader.Number(fields, w, "hit_ratio_max", defaults.HitRatioMax, 0, 0.999),
            CacheScaleMb = reader.Number(fields, w, "cache_scale_mb", defaults.CacheScaleMb, 1, 1e7),
            Contention = reader.Number(fields, w, "contention", defaults.Contention, 0, 10),
            GcMsPerGb = reader.Number(fields, w, "gc_ms_per_gb", defaults.GcMsPerGb, 0, 10_000),
            BaseErrorRate = reader.Number(fields, w, "base_error_rate", defaults.BaseErrorRate, 0, 0.5),
            MaxLatencyMs = reader.Number(fields, w, "max_latency_ms", defaults.MaxLatencyMs, 1, 600_000),
            LatencyNoise = reader.Number(fields, w, "latency_noise", defaults.LatencyNoise, 0, 2),
            IdleContention = reader.Number(fields, w, "idle_contention", defaults.IdleContention, 0, 10),
            KneeUtilization = reader.Number(fields, w, "knee_utilization", defaults.KneeUtilization, 0.3, ServiceModel.SaturationUtilization),
            CacheWarmupSeconds = reader.Number(fields, w, "cache_warmup_seconds", defaults.CacheWarmupSeconds, 0, 7 * 86_400),
            MemoryLimitMb = reader.Number(fields, w, "memory_limit_mb", defaults.MemoryLimitMb, 1, 1e7),
            WorkerMemoryMb = reader.Number(fields, w, "worker_memory_mb", defaults.WorkerMemoryMb, 0, 1e6),
            RestartSeconds = reader.Number(fields, w, "restart_seconds", defaults.RestartSeconds, 1, 86_400),
            ClientRetries = reader.Integer(fields, w, "client_retries", defaults.ClientRetries, 0, 10),
            StormGoodput = reader.Number(fields, w, "storm_goodput", defaults.StormGoodput, 0, 1),
        };
    }

    /// <summary>Keys that only mean something with <paramref name="key"/> set are errors without it.</summary>
    private void Needs(Dictionary<string, YNode> fields, string what, string key, params string[] dependents)
    {
        if (fields.ContainsKey(key))
        {
            return;
        }

        foreach (var dependent in dependents)
        {
            if (fields.TryGetValue(dependent, out var node))
            {
                reader.Error(node, $"{what}.{dependent}: has no effect without {key}");
            }
        }
    }

    /// <summary>
    /// How long a simulated knob takes to show its effect, as an operator would set <c>settle_seconds</c> in
    /// config/services.yaml: 60 s, the cache as long as the model takes to warm it (cache_warmup_seconds), at least 120 s.
    /// </summary>
    internal static int SettleSeconds(string knob, double cacheWarmupSeconds) =>
        knob == KnobNames.CacheSize ? Math.Max(120, (int)Math.Ceiling(cacheWarmupSeconds)) : 60;

    private ImmutableArray<KnobSpec> ParseKnobs(YNode? node, string what, double cacheWarmupSeconds)
    {
        var knobs = ImmutableArray.CreateBuilder<KnobSpec>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in reader.Sequence(node, $"{what}.knobs"))
        {
            var fields = reader.Fields(item, $"{what}.knobs[]", "name", "min", "max", "default", "step", "cost_weight");
            if (fields is null)
            {
                continue;
            }

            var nameNode = reader.Required(fields, item, $"{what}.knobs[]", "name");
            var name = reader.Text(nameNode, $"{what}.knobs[].name");
            if (name is null)
            {
                continue;
            }

            var w = $"{what}.knob '{name}'";
            if (!KnobNames.Known.Contains(name, StringComparer.Ordinal))
            {
                reader.Error(nameNode!, $"{w}: the model has no knob '{name}' (known: {string.Join(", ", KnobNames.Known)})");
            }
            else if (!names.Add(name))
            {
                reader.Error(nameNode!, $"{w}: duplicate knob");
            }

            var min = reader.Number(fields, w, "min", 0, 0, 1e9, required: true, parent: item);
            var max = reader.Number(fields, w, "max", 0, 0, 1e9, required: true, parent: item);
            var fallback = 0.5 * (min + max);
            var value = reader.Number(fields, w, "default", fallback, 0, 1e9, required: true, parent: item);
            var step = reader.Number(fields, w, "step", 1, 1e-9, 1e9, required: true, parent: item);
            var cost = reader.Number(fields, w, "cost_weight", 0, 0, 1);
            if (fields.ContainsKey("min") && fields.ContainsKey("max") && !(min < max))
            {
                reader.Error(fields["max"], $"{w}: max must be greater than min");
            }
            else if (fields.TryGetValue("default", out var defaultNode) && (value < min || value > max))
            {
                reader.Error(defaultNode, $"{w}: default {value} is outside [{min}, {max}]");
            }

            if (name == KnobNames.Concurrency && fields.ContainsKey("min") && min < 1)
            {
                reader.Error(fields["min"], $"{w}: a concurrency limit needs at least 1 worker");
            }

            if (name == KnobNames.Timeout && fields.ContainsKey("min") && min <= 0)
            {
                reader.Error(fields["min"], $"{w}: a timeout must be positive");
            }

            knobs.Add(new KnobSpec(name, min, max, value, step, Integer: true, SettleSeconds(name, cacheWarmupSeconds), cost));
        }

        if (node is YSequence && knobs.Count == 0)
        {
            reader.Error(node, $"{what}.knobs: at least one knob is required");
        }

        return knobs.ToImmutable();
    }

    private LoadSpec ParseLoad(YNode? node, string what)
    {
        var fallback = new DailyLoadSpec(100, 100, 12, 0, BurstSpec.None);
        var w = $"{what}.load";
        var fields = node is null ? null : reader.Fields(node, w, "kind", "base_rps", "peak_rps", "peak_hour", "trace", "file", "offset", "noise", "bursts");
        if (fields is null)
        {
            return fallback;
        }

        var kindNode = reader.Required(fields, node!, w, "kind");
        var kind = reader.Text(kindNode, $"{w}.kind");
        var noise = reader.Number(fields, w, "noise", 0, 0, 1);
        var bursts = ParseBursts(fields.GetValueOrDefault("bursts"), w);
        switch (kind)
        {
            case "daily":
                Forbid(fields, w, kind, "trace", "file", "offset");
                var baseRps = reader.Number(fields, w, "base_rps", 100, 0, 1e7, required: true, parent: node);
                var peakRps = reader.Number(fields, w, "peak_rps", 100, 0, 1e7, required: true, parent: node);
                if (fields.ContainsKey("base_rps") && fields.ContainsKey("peak_rps") && baseRps > peakRps)
                {
                    reader.Error(fields["base_rps"], $"{w}: base_rps {baseRps} is above peak_rps {peakRps}");
                }

                var peakHour = reader.Number(fields, w, "peak_hour", 12, 0, 23.999);
                return new DailyLoadSpec(baseRps, peakRps, peakHour, noise, bursts);
            case "trace":
                Forbid(fields, w, kind, "base_rps", "peak_hour");
                var scaledPeak = reader.Number(fields, w, "peak_rps", 100, 0, 1e7, required: true, parent: node);
                var offset = reader.Duration(fields, w, "offset", TimeSpan.Zero);
                var spec = ParseTrace(fields, node!, w);
                return spec is null ? fallback : spec with { PeakRps = scaledPeak, Offset = offset, Noise = noise, Bursts = bursts };
            case null:
                return fallback;
            default:
                reader.Error(kindNode!, $"{w}.kind: unknown kind '{kind}' (known: daily, trace)");
                return fallback;
        }
    }

    /// <summary>A built-in trace (<c>trace: NAME</c>) or a CSV file (<c>file: PATH</c>, relative to the environment file): exactly one.</summary>
    private TraceLoadSpec? ParseTrace(Dictionary<string, YNode> fields, YNode node, string w)
    {
        var hasTrace = fields.TryGetValue("trace", out var traceNode);
        var hasFile = fields.TryGetValue("file", out var fileNode);
        if (hasTrace && hasFile)
        {
            reader.Error(fileNode!, $"{w}: give either 'trace' (a built-in trace) or 'file' (a CSV file), not both");
            return null;
        }

        if (!hasTrace && !hasFile)
        {
            reader.Error(node, $"{w}: missing required key 'trace' (a built-in trace: {string.Join(", ", TraceLibrary.Names)}) or 'file' (a CSV file of timestamp,value)");
            return null;
        }

        if (hasTrace)
        {
            var trace = reader.Text(traceNode, $"{w}.trace");
            if (trace is not null && !TraceLibrary.Names.Contains(trace, StringComparer.Ordinal))
            {
                reader.Error(traceNode!, $"{w}.trace: unknown trace '{trace}' (known: {string.Join(", ", TraceLibrary.Names)})");
                return null;
            }

            return trace is null ? null : new TraceLoadSpec(trace, 0, TimeSpan.Zero, 0, BurstSpec.None);
        }

        var file = reader.Text(fileNode, $"{w}.file");
        if (file is null)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(baseDirectory, file));
        if (!File.Exists(path))
        {
            reader.Error(fileNode!, $"{w}.file: no such file '{file}' (looked for {path})");
            return null;
        }

        var errors = new List<EnvironmentError>();
        var data = TraceCsv.Read(path, Path.GetFileName(path), errors);
        foreach (var error in errors)
        {
            reader.Error(error);
        }

        return data is null ? null : new TraceLoadSpec(data.Name, 0, TimeSpan.Zero, 0, BurstSpec.None) { FilePath = path, Data = data };
    }

    private void Forbid(Dictionary<string, YNode> fields, string what, string kind, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (fields.TryGetValue(key, out var node))
            {
                reader.Error(node, $"{what}.{key}: not used by kind '{kind}'");
            }
        }
    }

    private BurstSpec ParseBursts(YNode? node, string what)
    {
        var w = $"{what}.bursts";
        var fields = node is null ? null : reader.Fields(node, w, "per_day", "factor", "minutes");
        if (fields is null)
        {
            return BurstSpec.None;
        }

        return new BurstSpec(
            reader.Number(fields, w, "per_day", 0, 0, 1440),
            reader.Number(fields, w, "factor", 1, 0, 100),
            reader.Number(fields, w, "minutes", 10, 1, 1440));
    }

    private ImmutableArray<RegressionSpec> ParseRegressions(YNode? node, ImmutableArray<ServiceSpec> services)
    {
        var regressions = ImmutableArray.CreateBuilder<RegressionSpec>();
        foreach (var item in reader.Sequence(node, "regressions"))
        {
            const string W = "regression";
            var fields = reader.Fields(item, W, "service", "track", "at", "latency_factor", "extra_error_rate");
            if (fields is null)
            {
                continue;
            }

            var serviceNode = reader.Required(fields, item, W, "service");
            var service = reader.Text(serviceNode, $"{W}.service");
            if (service is not null && !services.Any(s => s.Name == service))
            {
                reader.Error(serviceNode!, $"{W}.service: unknown service '{service}'");
            }

            var track = CanaryTrack.Canary;
            if (fields.TryGetValue("track", out var trackNode))
            {
                switch (reader.Text(trackNode, $"{W}.track"))
                {
                    case "canary":
                        break;
                    case "baseline":
                        track = CanaryTrack.Baseline;
                        break;
                    case { } other:
                        reader.Error(trackNode, $"{W}.track: unknown track '{other}' (known: baseline, canary)");
                        break;
                }
            }

            var at = reader.Duration(fields, W, "at", TimeSpan.Zero, required: true, parent: item);
            var factor = reader.Number(fields, W, "latency_factor", 1, 0.01, 100);
            var extra = reader.Number(fields, W, "extra_error_rate", 0, 0, 1);
            regressions.Add(new RegressionSpec(service ?? string.Empty, track, at, factor, extra));
        }

        return regressions.ToImmutable();
    }
}

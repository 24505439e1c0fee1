using System.Collections.Immutable;
using Lumen.Core.Documents;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Config;

/// <summary>Maps <c>services.yaml</c> to a <see cref="ServiceCatalog"/> (keys and types; values are
/// checked by <see cref="ServiceCatalogValidator"/>).</summary>
internal static class ServicesReader
{
    public const string DefaultWindow = "5m";
    public const int DefaultSettleSeconds = 60;

    private static readonly string[] RootKeys = ["version", "services"];
    private static readonly string[] ServiceKeys = ["name", "window", "rhythm_period", "sli", "knobs", "executors", "rollout"];
    private static readonly string[] SliKeys = ["p95_ms", "error_rate", "rps", "saturation", "loki"];
    private static readonly string[] KnobKeys = ["name", "min", "max", "default", "step", "integer", "settle_seconds", "measure_seconds", "cost_weight"];
    private static readonly string[] TrackKeys = ["canary", "baseline"];

    private static readonly (string, FileFormat)[] Formats =
        [("yaml", FileFormat.Yaml), ("json", FileFormat.Json), ("env", FileFormat.Env)];

    public static ServiceCatalog? Read(YNode root, NodeReader r)
    {
        if (r.AsMapping(root, "", "a mapping with keys version and services") is not { } map)
        {
            return null;
        }

        r.CheckKeys(map, "", RootKeys);
        r.Version(map);
        var services = ImmutableArray.CreateBuilder<ServiceConfig>();
        if (r.Get(map, "", "services", "a list of services") is { } node)
        {
            if (node is YSequence seq)
            {
                for (var i = 0; i < seq.Items.Length; i++)
                {
                    var path = ConfigPaths.Service(i);
                    r.Note(path, seq.Items[i]);
                    if (r.AsMapping(seq.Items[i], path, "a service (a mapping with name, sli, knobs, executors)") is { } s)
                    {
                        services.Add(ReadService(s, path, r));
                    }
                }
            }
            else
            {
                r.Error(node.Position, "services", $"expected a list of services, found {node.Describe()}");
            }
        }

        return new ServiceCatalog(services.ToImmutable());
    }

    private static ServiceConfig ReadService(YMapping s, string p, NodeReader r)
    {
        r.CheckKeys(s, p, ServiceKeys);
        var name = r.Str(s, p, "name", "a service name", "a service name") ?? "";
        var window = new PromDuration(DefaultWindow, TimeSpan.FromMinutes(5));
        if (r.Str(s, p, "window", expectation: "a Prometheus duration such as 5m") is { } w)
        {
            if (PromDuration.TryParse(w, out var parsed))
            {
                window = parsed;
            }
            else
            {
                r.Error(r.PositionOf($"{p}.window"), $"{p}.window", $"expected a Prometheus duration such as 30s, 5m or 1h30m, found \"{w}\"");
            }
        }

        PromDuration? period = null;
        if (r.Str(s, p, "rhythm_period", expectation: "a Prometheus duration such as 24h") is { } rp)
        {
            if (PromDuration.TryParse(rp, out var parsed))
            {
                period = parsed;
            }
            else
            {
                r.Error(r.PositionOf($"{p}.rhythm_period"), $"{p}.rhythm_period", $"expected a Prometheus duration such as 24h or 7d, found \"{rp}\"");
            }
        }

        return new ServiceConfig(name, window, ReadSli(s, p, r), ReadKnobs(s, p, r), ReadExecutors(s, p, r))
        {
            RhythmPeriod = period,
            Rollout = ServicesRolloutReader.Read(s, p, r),
        };
    }

    private static SliQueries ReadSli(YMapping s, string p, NodeReader r)
    {
        const string expectation = "a mapping with the PromQL templates p95_ms, error_rate and rps";
        var sp = $"{p}.sli";
        if (r.Get(s, p, "sli", expectation) is not { } node || r.AsMapping(node, sp, expectation) is not { } m)
        {
            return new SliQueries("x", "x", "x", null);
        }

        r.CheckKeys(m, sp, SliKeys);
        var loki = ReadLoki(m, sp, r);
        const string query = "a PromQL query template";
        string Required(string key) => r.Str(m, sp, key, loki.ContainsKey(key) ? null : query, query) ?? (loki.ContainsKey(key) ? "" : "x");
        return new SliQueries(Required("p95_ms"), Required("error_rate"), Required("rps"), r.Str(m, sp, "saturation", expectation: query))
        {
            Loki = loki,
        };
    }

    /// <summary>The optional <c>sli.loki</c> mapping: SLI key → LogQL metric-query template.</summary>
    private static ImmutableSortedDictionary<string, string> ReadLoki(YMapping m, string sp, NodeReader r)
    {
        const string expectation = "a mapping of SLI name (p95_ms, error_rate, rps, saturation) to a LogQL metric query template";
        var lp = $"{sp}.loki";
        var loki = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        if (r.Get(m, sp, "loki") is not { } node || r.AsMapping(node, lp, expectation) is not { } map)
        {
            return loki.ToImmutable();
        }

        r.CheckKeys(map, lp, Core.Policy.SliQueries.Keys);
        foreach (var entry in map.Entries.Where(e => Core.Policy.SliQueries.Keys.Contains(e.Key.Value, StringComparer.Ordinal)))
        {
            if (r.Str(map, lp, entry.Key.Value, expectation: "a LogQL query template") is { } template)
            {
                loki[entry.Key.Value] = template;
            }
        }

        return loki.ToImmutable();
    }

    private static ImmutableArray<KnobSpec> ReadKnobs(YMapping s, string p, NodeReader r)
    {
        var knobs = ImmutableArray.CreateBuilder<KnobSpec>();
        if (r.Get(s, p, "knobs", "a list of knobs") is not { } node)
        {
            return knobs.ToImmutable();
        }

        if (node is not YSequence seq)
        {
            r.Error(node.Position, $"{p}.knobs", $"expected a list of knobs, found {node.Describe()}");
            return knobs.ToImmutable();
        }

        for (var j = 0; j < seq.Items.Length; j++)
        {
            var kp = $"{p}.knobs[{j}]";
            r.Note(kp, seq.Items[j]);
            if (r.AsMapping(seq.Items[j], kp, "a knob (a mapping with name, min, max, default, step)") is not { } k)
            {
                continue;
            }

            r.CheckKeys(k, kp, KnobKeys);
            knobs.Add(new KnobSpec(
                r.Str(k, kp, "name", "a knob name", "a knob name") ?? "",
                r.Num(k, kp, "min", null),
                r.Num(k, kp, "max", null),
                r.Num(k, kp, "default", null),
                r.Num(k, kp, "step", null, "a number > 0"),
                r.Bool(k, kp, "integer", false),
                r.Int(k, kp, "settle_seconds", DefaultSettleSeconds, "a whole number of seconds"),
                r.Num(k, kp, "cost_weight", 0.0, "a number >= 0"),
                r.Int(k, kp, "measure_seconds", KnobSpec.DefaultMeasureSeconds, "a whole number of seconds")));
        }

        return knobs.ToImmutable();
    }

    private static ServiceExecutors ReadExecutors(YMapping s, string p, NodeReader r)
    {
        const string expectation = "a mapping with an executor for the canary track (and optionally the baseline)";
        var ep = $"{p}.executors";
        var fallback = new ServiceExecutors(new SimExecutorSpec(), null);
        if (r.Get(s, p, "executors", expectation) is not { } node || r.AsMapping(node, ep, expectation) is not { } m)
        {
            return fallback;
        }

        r.CheckKeys(m, ep, TrackKeys);
        var canary = r.Get(m, ep, "canary", "an executor (a mapping with kind and its settings)") is { } c
            ? ExecutorReader.Read(c, $"{ep}.canary", r)
            : null;
        var baseline = r.Get(m, ep, "baseline") is { } b ? ExecutorReader.Read(b, $"{ep}.baseline", r) : null;
        return new ServiceExecutors(canary ?? fallback.Canary, baseline);
    }

    internal static IReadOnlyList<(string, FileFormat)> FileFormats => Formats;
}

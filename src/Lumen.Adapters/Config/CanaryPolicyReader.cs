using System.Collections.Immutable;
using Lumen.Core.Documents;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;

namespace Lumen.Adapters.Config;

/// <summary>Maps <c>canary_policy.yaml</c> to a <see cref="CanaryPolicy"/> (keys and types; values are
/// checked by <see cref="CanaryPolicyValidator"/>).</summary>
internal static class CanaryPolicyReader
{
    private static readonly string[] RootKeys = ["version", "stages"];
    private static readonly string[] StageKeys =
        ["confidence", "min_samples", "min_intervals", "max_intervals", "same_phase", "allowed_phases", "gates", "watch_minutes", "independent_events"];

    private static readonly string[] GateKeys = ["latency_p95", "error_rate", "coherence"];
    private static readonly string[] RatioKeys = ["max_ratio"];
    private static readonly string[] CoherenceKeys = ["enabled"];

    public static readonly (string Name, PhaseLabel Value)[] Phases =
    [
        ("peak", PhaseLabel.Peak), ("falling", PhaseLabel.Falling), ("trough", PhaseLabel.Trough),
        ("rising", PhaseLabel.Rising), ("unknown", PhaseLabel.Unknown),
    ];

    /// <summary>Used for every key that is left out (docs/configuration.md).</summary>
    public static CanaryStagePolicy Defaults(string stage) => new(
        stage,
        Confidence: 0.95,
        MinSamples: 500,
        MinIntervals: 3,
        MaxIntervals: 120,
        SamePhase: true,
        AllowedPhases: [.. Phases.Select(p => p.Value)],
        Gates: new CanaryGates(new RatioGate(1.2), new RatioGate(2.0), CoherenceEnabled: true),
        WatchMinutes: 10);

    public static CanaryPolicy? Read(YNode root, NodeReader r)
    {
        if (r.AsMapping(root, "", "a mapping with keys version and stages") is not { } map)
        {
            return null;
        }

        r.CheckKeys(map, "", RootKeys);
        r.Version(map);
        var stages = ImmutableArray.CreateBuilder<CanaryStagePolicy>();
        const string expectation = "a mapping of stage name to canary gates";
        if (r.Get(map, "", "stages", expectation) is { } node && r.AsMapping(node, "stages", expectation) is { } stagesMap)
        {
            foreach (var entry in stagesMap.Entries)
            {
                var path = ConfigPaths.Stage(entry.Key.Value);
                r.Note(path, entry.Key);
                if (r.AsMapping(entry.Value, path, "a mapping of canary policy keys") is { } s)
                {
                    stages.Add(ReadStage(entry.Key.Value, s, path, r));
                }
            }
        }

        return new CanaryPolicy(stages.ToImmutable());
    }

    private static CanaryStagePolicy ReadStage(string name, YMapping s, string p, NodeReader r)
    {
        r.CheckKeys(s, p, StageKeys);
        var d = Defaults(name);
        var phases = d.AllowedPhases;
        if (r.Get(s, p, "allowed_phases") is { } ph)
        {
            phases = ReadPhases(ph, $"{p}.allowed_phases", r);
        }

        return new CanaryStagePolicy(
            name,
            r.Num(s, p, "confidence", d.Confidence, "a number in (0, 1)"),
            r.Int(s, p, "min_samples", checked((int)d.MinSamples), "a whole number of requests"),
            r.Int(s, p, "min_intervals", d.MinIntervals, "a whole number of intervals"),
            r.Int(s, p, "max_intervals", d.MaxIntervals, "a whole number of intervals"),
            r.Bool(s, p, "same_phase", d.SamePhase),
            phases,
            ReadGates(s, p, d.Gates, r),
            r.Int(s, p, "watch_minutes", d.WatchMinutes, "a whole number of minutes"))
        {
            IndependentEvents = r.Bool(s, p, "independent_events", d.IndependentEvents),
        };
    }

    private static ImmutableArray<PhaseLabel> ReadPhases(YNode node, string path, NodeReader r)
    {
        if (node is not YSequence seq)
        {
            r.Error(node.Position, path, $"expected a list of phases (peak, falling, trough, rising, unknown), found {node.Describe()}");
            return [.. Phases.Select(p => p.Value)];
        }

        var phases = ImmutableArray.CreateBuilder<PhaseLabel>();
        for (var i = 0; i < seq.Items.Length; i++)
        {
            r.Note($"{path}[{i}]", seq.Items[i]);
            if (r.Choice(seq.Items[i], $"{path}[{i}]", Phases) is { } phase)
            {
                phases.Add(phase);
            }
        }

        return phases.ToImmutable();
    }

    private static CanaryGates ReadGates(YMapping s, string p, CanaryGates d, NodeReader r)
    {
        var gp = $"{p}.gates";
        if (r.Get(s, p, "gates") is not { } node || r.AsMapping(node, gp, "a mapping of gates (latency_p95, error_rate, coherence)") is not { } g)
        {
            return d;
        }

        r.CheckKeys(g, gp, GateKeys);
        return new CanaryGates(Ratio(g, gp, "latency_p95", d.LatencyP95, r), Ratio(g, gp, "error_rate", d.ErrorRate, r), Coherence(g, gp, d.CoherenceEnabled, r));
    }

    private static RatioGate Ratio(YMapping g, string gp, string key, RatioGate d, NodeReader r)
    {
        var p = $"{gp}.{key}";
        if (r.Get(g, gp, key) is not { } node || r.AsMapping(node, p, "a mapping with max_ratio") is not { } m)
        {
            return d;
        }

        r.CheckKeys(m, p, RatioKeys);
        return new RatioGate(r.Num(m, p, "max_ratio", d.MaxRatio, "a ratio >= 1 (canary / baseline)"));
    }

    private static bool Coherence(YMapping g, string gp, bool d, NodeReader r)
    {
        var p = $"{gp}.coherence";
        if (r.Get(g, gp, "coherence") is not { } node || r.AsMapping(node, p, "a mapping with enabled") is not { } m)
        {
            return d;
        }

        r.CheckKeys(m, p, CoherenceKeys);
        return r.Bool(m, p, "enabled", d);
    }
}

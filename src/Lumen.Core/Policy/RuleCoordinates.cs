using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>The YAML names of <see cref="RuleCoordinate"/>.</summary>
public static class RuleCoordinates
{
    private static readonly ImmutableArray<(string Name, RuleCoordinate Value)> Table =
    [
        ("load", RuleCoordinate.Load),
        ("latency_pressure", RuleCoordinate.LatencyPressure),
        ("error_pressure", RuleCoordinate.ErrorPressure),
        ("health", RuleCoordinate.Health),
        ("coherence", RuleCoordinate.Coherence),
        ("rhythm_strength", RuleCoordinate.RhythmStrength),
        ("p95_ms", RuleCoordinate.P95Ms),
        ("error_rate", RuleCoordinate.ErrorRate),
        ("rps", RuleCoordinate.Rps),
    ];

    public static ImmutableArray<string> Names { get; } = [.. Table.Select(t => t.Name)];

    public static string Name(RuleCoordinate coordinate) => Table.First(t => t.Value == coordinate).Name;

    public static bool TryParse(string name, out RuleCoordinate coordinate)
    {
        foreach (var (n, v) in Table)
        {
            if (string.Equals(n, name, StringComparison.Ordinal))
            {
                coordinate = v;
                return true;
            }
        }

        coordinate = default;
        return false;
    }
}

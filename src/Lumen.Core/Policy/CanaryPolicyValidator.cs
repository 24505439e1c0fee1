using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>Value and cross-file checks of <c>canary_policy.yaml</c>.</summary>
public static class CanaryPolicyValidator
{
    /// <param name="matrix">When given, every canary stage must be a stage of the matrix.</param>
    public static ImmutableArray<ConfigProblem> Validate(CanaryPolicy policy, StageMatrix? matrix)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var sink = new ProblemSink(ConfigFiles.CanaryPolicy);
        foreach (var s in policy.Stages)
        {
            var p = ConfigPaths.Stage(s.Stage);
            sink.Identifier(p, s.Stage, "stage");
            if (matrix is not null && matrix.Find(s.Stage) is null)
            {
                var known = string.Join(", ", matrix.Stages.Select(x => x.Name));
                sink.Add(p, $"expected a stage of {ConfigFiles.StageMatrix} ({known}), found {ConfigText.Quote(s.Stage)}");
            }

            sink.Range($"{p}.confidence", s.Confidence, 0, 1, loOpen: true, hiOpen: true);
            sink.AtLeast($"{p}.min_samples", s.MinSamples, 1);
            sink.AtLeast($"{p}.min_intervals", s.MinIntervals, 1);
            if (s.MaxIntervals < s.MinIntervals)
            {
                sink.Add($"{p}.max_intervals", $"expected max_intervals >= min_intervals ({s.MinIntervals}), found {s.MaxIntervals}");
            }

            if (s.AllowedPhases.IsDefaultOrEmpty)
            {
                sink.Add($"{p}.allowed_phases", "expected at least one phase (peak, falling, trough, rising, unknown), found none");
            }
            else if (s.AllowedPhases.Distinct().Count() != s.AllowedPhases.Length)
            {
                sink.Add($"{p}.allowed_phases", "expected each phase at most once, found a repeated phase");
            }

            sink.AtLeast($"{p}.gates.latency_p95.max_ratio", s.Gates.LatencyP95.MaxRatio, 1, "canary / baseline");
            sink.AtLeast($"{p}.gates.error_rate.max_ratio", s.Gates.ErrorRate.MaxRatio, 1, "canary / baseline");
            sink.AtLeast($"{p}.watch_minutes", s.WatchMinutes, 0);
        }

        return sink.ToImmutable();
    }
}

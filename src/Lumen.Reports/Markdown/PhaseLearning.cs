using Lumen.Core.Rhythm;
using Lumen.Reports.Digest;

namespace Lumen.Reports.Markdown;

/// <summary>
/// What the tuner learned, read from its observed rewards: per service and phase label (the label
/// at the time of the adjustment's intent), the mean observed reward of each arm it tried.
/// </summary>
internal sealed record PhaseLearning(string Service, PhaseLabel Phase, string Arm, int Count, double MeanReward)
{
    public static IReadOnlyList<PhaseLearning> From(RunDigest digest)
    {
        var intents = digest.Adjustments.ToDictionary(a => a.Id, a => a.IntentAt, StringComparer.Ordinal);
        var rows = new List<(string Service, PhaseLabel Phase, string Arm, double R)>();
        foreach (var reward in digest.Rewards)
        {
            var at = reward.AdjustmentId is { } id && intents.TryGetValue(id, out var t) ? t : reward.Ts;
            rows.Add((reward.Service, PhaseAt(digest, reward.Service, at), reward.Arm, reward.RewardObserved));
        }

        return [.. rows.GroupBy(r => (r.Service, r.Phase, r.Arm))
            .Select(g => new PhaseLearning(g.Key.Service, g.Key.Phase, g.Key.Arm, g.Count(), g.Average(r => r.R)))
            .OrderBy(r => r.Service, StringComparer.Ordinal).ThenBy(r => r.Phase).ThenByDescending(r => r.MeanReward)];
    }

    private static PhaseLabel PhaseAt(RunDigest digest, string service, DateTimeOffset at)
    {
        if (!digest.Observations.TryGetValue(service, out var points) || points.Count == 0)
        {
            return PhaseLabel.Unknown;
        }

        // The last observation at or before the time (observations are in time order).
        int lo = 0, hi = points.Count - 1, found = 0;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (points[mid].Ts <= at)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return points[found].Phase;
    }
}

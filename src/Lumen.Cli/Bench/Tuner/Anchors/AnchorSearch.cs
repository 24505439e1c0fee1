using System.Collections.Immutable;

namespace Lumen.Cli.Bench.Tuner.Anchors;

/// <summary>
/// Maximises an objective over the exact step grid of a few knobs (docs/benchmarks-tuner.md
/// "Anchors"): every point of a coarse grid (at most <see cref="CoarsePoints"/> evenly spaced values
/// per knob, both bounds included; a knob with no more values than that is searched in full) and
/// the given starting points (tried first), then a coordinate search from the best of them: for each knob in turn,
/// every grid value within one coarse spacing of the current best, moving to the best strictly
/// better one, until a full round over the knobs improves nothing. Deterministic: points are tried
/// in a fixed order; among equal scores the point nearest the first start (the defaults) wins, then
/// the earlier one, so on a plateau (health is capped at 1) the reported configuration is the
/// smallest change from the defaults the search saw that is as good as any. Each distinct point is
/// evaluated once.
/// </summary>
internal sealed class AnchorSearch
{
    /// <summary>The coarse grid's values per knob unless told otherwise (9³ = 729 points for three knobs).</summary>
    public const int DefaultCoarsePoints = 9;

    private const int MaxRounds = 1000;

    public AnchorSearch(int coarsePoints = DefaultCoarsePoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(coarsePoints, 2);
        CoarsePoints = coarsePoints;
    }

    public int CoarsePoints { get; }

    /// <summary>
    /// The grid point with the highest <paramref name="objective"/> found. The objective receives the
    /// knob values in <paramref name="axes"/> order; <paramref name="starts"/> (values, snapped to the
    /// nearest grid point) are candidates too, so the result is never worse than any of them.
    /// </summary>
    public AnchorSearchResult Maximise(IReadOnlyList<KnobAxis> axes, Func<ReadOnlySpan<double>, double> objective,
        IReadOnlyList<IReadOnlyList<double>> starts)
    {
        ArgumentNullException.ThrowIfNull(axes);
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(starts);
        var scorer = new Scorer(axes, objective);
        var coarse = axes.Select(a => CoarseIndices(a.Count, CoarsePoints)).ToArray();

        var origin = starts.Count > 0 ? Snap(axes, starts[0]) : null;
        var best = new int[axes.Count];
        var bestScore = double.NegativeInfinity;
        var bestDistance = double.PositiveInfinity;
        var found = false;
        foreach (var point in starts.Select(s => Snap(axes, s)).Concat(Cartesian(coarse)))
        {
            var score = scorer.Score(point);
            var distance = Distance(axes, origin, point);
            if (!found || Better(score, distance, bestScore, bestDistance))
            {
                (best, bestScore, bestDistance, found) = ((int[])point.Clone(), score, distance, true);
            }
        }

        var spacing = coarse.Select(Spacing).ToArray();
        for (var round = 0; round < MaxRounds; round++)
        {
            var improved = false;
            for (var a = 0; a < axes.Count; a++)
            {
                var candidate = (int[])best.Clone();
                var centre = best[a];
                var moveTo = centre;
                for (var i = Math.Max(0, centre - spacing[a]); i <= Math.Min(axes[a].Count - 1, centre + spacing[a]); i++)
                {
                    candidate[a] = i;
                    var score = scorer.Score(candidate);
                    var distance = Distance(axes, origin, candidate);
                    if (Better(score, distance, bestScore, bestDistance))
                    {
                        (bestScore, bestDistance, moveTo) = (score, distance, i);
                    }
                }

                if (moveTo != centre)
                {
                    best[a] = moveTo;
                    improved = true;
                }
            }

            if (!improved)
            {
                break;
            }
        }

        return new AnchorSearchResult([.. best.Select((i, a) => axes[a].ValueAt(i))], bestScore, scorer.Evaluations);
    }

    /// <summary>At most <paramref name="points"/> distinct, evenly spaced indices of 0 … <paramref name="count"/> − 1, both ends included.</summary>
    public static ImmutableArray<int> CoarseIndices(int count, int points)
    {
        if (count <= points)
        {
            return [.. Enumerable.Range(0, count)];
        }

        return [.. Enumerable.Range(0, points).Select(i => (int)Math.Round(i * (count - 1) / (double)(points - 1), MidpointRounding.AwayFromZero)).Distinct()];
    }

    /// <summary>Strictly higher, or as high and nearer the first start (health is capped at 1, so optima are often plateaus).</summary>
    private static bool Better(double score, double distance, double bestScore, double bestDistance) =>
        score > bestScore || (score == bestScore && distance < bestDistance);

    /// <summary>Σ over knobs of |index − the first start's index| ÷ (grid size − 1): 0 at the start, 1 per full knob range.</summary>
    private static double Distance(IReadOnlyList<KnobAxis> axes, int[]? origin, int[] point)
    {
        if (origin is null)
        {
            return 0;
        }

        var distance = 0.0;
        for (var a = 0; a < point.Length; a++)
        {
            distance += axes[a].Count > 1 ? Math.Abs(point[a] - origin[a]) / (double)(axes[a].Count - 1) : 0;
        }

        return distance;
    }

    private static int Spacing(ImmutableArray<int> indices) =>
        indices.Length < 2 ? 1 : Enumerable.Range(1, indices.Length - 1).Max(i => indices[i] - indices[i - 1]);

    private static int[] Snap(IReadOnlyList<KnobAxis> axes, IReadOnlyList<double> values)
    {
        if (values.Count != axes.Count)
        {
            throw new ArgumentException($"a start has {values.Count} values for {axes.Count} knobs", nameof(values));
        }

        return [.. axes.Select((a, i) => a.NearestIndex(values[i]))];
    }

    /// <summary>Every combination of the per-knob indices, the last knob varying fastest.</summary>
    private static IEnumerable<int[]> Cartesian(ImmutableArray<int>[] indices)
    {
        var position = new int[indices.Length];
        var point = new int[indices.Length];
        while (true)
        {
            for (var a = 0; a < indices.Length; a++)
            {
                point[a] = indices[a][position[a]];
            }

            yield return point;
            var k = indices.Length - 1;
            while (k >= 0 && ++position[k] == indices[k].Length)
            {
                position[k] = 0;
                k--;
            }

            if (k < 0)
            {
                yield break;
            }
        }
    }

    /// <summary>Evaluates grid points through the objective, once each.</summary>
    private sealed class Scorer(IReadOnlyList<KnobAxis> axes, Func<ReadOnlySpan<double>, double> objective)
    {
        private readonly Dictionary<long, double> _scores = [];
        private readonly double[] _values = new double[axes.Count];

        public int Evaluations => _scores.Count;

        public double Score(int[] point)
        {
            long key = 0;
            for (var a = 0; a < point.Length; a++)
            {
                key = (key * axes[a].Count) + point[a];
            }

            if (_scores.TryGetValue(key, out var score))
            {
                return score;
            }

            for (var a = 0; a < point.Length; a++)
            {
                _values[a] = axes[a].ValueAt(point[a]);
            }

            score = objective(_values);
            _scores[key] = score;
            return score;
        }
    }
}

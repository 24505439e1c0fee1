using System.Collections.Immutable;

namespace Lumen.Core.Decisions.Tuner;

/// <summary>
/// The value-level tuner of one service (docs/bandit.md, "The Lumen tuner"): a contextual Gaussian
/// process over (knob values ⊗ rhythm context) of the canary-minus-baseline score gap (Krause &amp;
/// Ong 2011, "Contextual Gaussian Process Bandit Optimization"), Thompson sampling over candidates
/// around the incumbent (Russo et al. 2018, "A Tutorial on Thompson Sampling") restricted to a safe
/// set in the manner of SafeOpt (Sui et al. 2015): a candidate is tried only when its pessimistic
/// value is within a loss budget of the incumbent's. Choice probabilities are the Thompson draws'
/// votes mixed with a uniform floor over the safe set, so every decision's propensity is exact and
/// logged. Deterministic for a seed and decision number. Not thread-safe.
/// </summary>
public sealed class TrialTuner
{
    /// <summary>Context entries of a point: load (clipped to [0, 2]), sin φ, cos φ.</summary>
    public const int ContextDims = 3;

    private readonly ImmutableArray<KnobAxis> _axes;
    private readonly TunerSettings _settings;
    private readonly ulong _seed;

    public TrialTuner(ImmutableArray<KnobAxis> axes, TunerSettings settings, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (axes.IsDefaultOrEmpty || axes.Length + ContextDims > 16)
        {
            throw new ArgumentException("a tuner needs 1 to 13 knobs", nameof(axes));
        }

        _axes = axes;
        _settings = settings;
        _seed = seed;
        Model = new GaussianProcess(axes.Length, ContextDims, settings);
    }

    public ImmutableArray<KnobAxis> Axes => _axes;

    public TunerSettings Settings => _settings;

    /// <summary>The model of the score gap.</summary>
    public GaussianProcess Model { get; }

    /// <summary>Decisions made so far (the random stream's position).</summary>
    public long Decisions { get; set; }

    /// <summary>The context part of a point from the rhythm coordinates (an unknown phase is 0, 0).</summary>
    public static ImmutableArray<double> Context(double load, double? phase) =>
        [Math.Clamp(double.IsFinite(load) ? load : 0, 0, 2), phase is { } p ? Math.Sin(p) : 0, phase is { } q ? Math.Cos(q) : 0];

    /// <summary>Writes the point z of a configuration in a context into <paramref name="z"/>.</summary>
    public void Point(ReadOnlySpan<double> values, ReadOnlySpan<double> context, Span<double> z)
    {
        for (var i = 0; i < _axes.Length; i++)
        {
            z[i] = _axes[i].Position(values[i]);
        }

        context.CopyTo(z[_axes.Length..]);
    }

    /// <summary>
    /// Chooses the next block: a candidate around <paramref name="incumbent"/> (index 0 = hold).
    /// <paramref name="maxKnobs"/> limits how many knobs a trial may move (the stage's free adjustment slots);
    /// a knob whose <paramref name="movable"/> entry is false (cooling down) is not moved.
    /// </summary>
    public TrialChoice Choose(IReadOnlyList<double> incumbent, ImmutableArray<double> context, double clamp, int maxKnobs,
        IReadOnlyList<bool>? movable = null)
    {
        var s = TunerScratch.Current;
        var candidates = TrialCandidates.Around(_axes, incumbent, clamp, maxKnobs);
        candidates = [.. candidates.Where(c => Changed(c, incumbent) <= Math.Max(0, maxKnobs) && Allowed(c, incumbent, movable))];
        var m = candidates.Length;
        var d = Model.Dimension;
        for (var j = 0; j < m; j++)
        {
            Point(candidates[j].AsSpan(), context.AsSpan(), s.Points.AsSpan(j * d, d));
        }

        Model.Posterior(s.Points, m, s.Mean, s.Cov);
        var sd = new double[m];
        var lcb = new double[m];
        var safe = new bool[m];
        var safeCount = 0;
        for (var j = 0; j < m; j++)
        {
            sd[j] = Math.Sqrt(Math.Max(0, s.Cov[(j * m) + j]));
            lcb[j] = s.Mean[j] - (_settings.SafetyBeta * sd[j]);
            safe[j] = j == 0 || lcb[j] >= s.Mean[0] - _settings.LossBudget;
            safeCount += safe[j] ? 1 : 0;
        }

        var random = new TunerRandom(_seed, Decisions);
        var votes = new int[m];
        CholeskyOfCovariance(m);
        for (var draw = 0; draw < _settings.Draws; draw++)
        {
            for (var j = 0; j < m; j++)
            {
                s.Eps[j] = random.NextGaussian();
            }

            var best = -1;
            for (var j = 0; j < m; j++)
            {
                var f = s.Mean[j];
                for (var k = 0; k <= j; k++)
                {
                    f += s.Chol[(j * m) + k] * s.Eps[k];
                }

                s.Draw[j] = f;
                if (safe[j] && (best < 0 || f > s.Draw[best]))
                {
                    best = j;
                }
            }

            votes[best]++;
        }

        var probabilities = new double[m];
        var floor = _settings.Draws == 0 ? 1.0 : _settings.Floor;
        for (var j = 0; j < m; j++)
        {
            probabilities[j] = safe[j]
                ? ((1 - floor) * (_settings.Draws == 0 ? 0 : (double)votes[j] / _settings.Draws)) + (floor / safeCount)
                : 0;
        }

        var u = random.NextUniform();
        var chosen = 0;
        var cumulative = 0.0;
        for (var j = 0; j < m; j++)
        {
            cumulative += probabilities[j];
            if (probabilities[j] > 0)
            {
                chosen = j;
                if (u < cumulative)
                {
                    break;
                }
            }
        }

        Decisions++;
        return new TrialChoice(Decisions, context, candidates, [.. s.Mean.AsSpan(0, m)], [.. sd], [.. lcb], [.. safe], [.. votes],
            [.. probabilities], chosen);
    }

    /// <summary>
    /// Learns a measured block (mean score gap <paramref name="gap"/> with variance
    /// <paramref name="variance"/> of that mean) of <paramref name="trial"/> in <paramref name="context"/>,
    /// then judges it against <paramref name="incumbent"/>: kept when the posterior gain is positive
    /// by <see cref="TunerSettings.KeepZ"/> standard deviations and at least <see cref="TunerSettings.KeepMinGain"/>.
    /// A hold block (trial = incumbent) is learnt and never "kept".
    /// </summary>
    public TrialJudgement Learn(IReadOnlyList<double> trial, IReadOnlyList<double> incumbent, ImmutableArray<double> context,
        double gap, double variance)
    {
        var s = TunerScratch.Current;
        var d = Model.Dimension;
        Span<double> values = stackalloc double[_axes.Length];
        Copy(trial, values);
        Point(values, context.AsSpan(), s.Points.AsSpan(0, d));
        Model.Add(s.Points.AsSpan(0, d), gap, variance);
        return Judge(trial, incumbent, context);
    }

    /// <summary>The posterior gain of <paramref name="trial"/> over <paramref name="incumbent"/> in a context, and the keep rule.</summary>
    public TrialJudgement Judge(IReadOnlyList<double> trial, IReadOnlyList<double> incumbent, ImmutableArray<double> context)
    {
        var s = TunerScratch.Current;
        if (Changed(trial, incumbent) == 0)
        {
            return new TrialJudgement(0, 0, Keep: false);
        }

        var d = Model.Dimension;
        Span<double> values = stackalloc double[_axes.Length];
        Copy(trial, values);
        Point(values, context.AsSpan(), s.Points.AsSpan(0, d));
        Copy(incumbent, values);
        Point(values, context.AsSpan(), s.Points.AsSpan(d, d));
        Model.Posterior(s.Points, 2, s.Mean, s.Cov);
        var gain = s.Mean[0] - s.Mean[1];
        var sd = Math.Sqrt(Math.Max(0, s.Cov[0] + s.Cov[3] - (2 * s.Cov[1])));
        var keep = gain >= _settings.KeepMinGain && gain >= _settings.KeepZ * sd;
        return new TrialJudgement(gain, sd, keep && !WorseElsewhere(trial, incumbent));
    }

    /// <summary>
    /// The rhythm check of the keep rule: a kept value stays on the canary through every load and
    /// phase the service goes through, so a trial better here must not be plausibly much worse at
    /// the contexts the model has seen (up to <see cref="ReferenceContexts"/> of them, spread by
    /// load, the busiest always included): worse when the pessimistic gain there, mean − β·sd, is
    /// below −<see cref="TunerSettings.LossBudget"/>. A value that only helps at night (a smaller
    /// pool when idle) is then not kept if it is unknown or bad at the peak.
    /// </summary>
    private bool WorseElsewhere(IReadOnlyList<double> trial, IReadOnlyList<double> incumbent)
    {
        var s = TunerScratch.Current;
        var contexts = ReferenceContextIndices();
        if (contexts.Length == 0)
        {
            return false;
        }

        var d = Model.Dimension;
        var k = _axes.Length;
        var m = 0;
        foreach (var slot in contexts)
        {
            var z = Model.PointAt(slot);
            for (var a = 0; a < k; a++)
            {
                s.Points[(m * d) + a] = _axes[a].Position(trial[a]);
                s.Points[((m + 1) * d) + a] = _axes[a].Position(incumbent[a]);
            }

            for (var c = k; c < d; c++)
            {
                s.Points[(m * d) + c] = z[c];
                s.Points[((m + 1) * d) + c] = z[c];
            }

            m += 2;
        }

        Model.Posterior(s.Points, m, s.Mean, s.Cov);
        for (var j = 0; j < m; j += 2)
        {
            var gain = s.Mean[j] - s.Mean[j + 1];
            var sd = Math.Sqrt(Math.Max(0, s.Cov[(j * m) + j] + s.Cov[((j + 1) * m) + j + 1] - (2 * s.Cov[(j * m) + j + 1])));
            if (gain - (_settings.SafetyBeta * sd) < -_settings.LossBudget)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Contexts the rhythm check looks at.</summary>
    public const int ReferenceContexts = 8;

    /// <summary>Slots (<see cref="GaussianProcess.PointAt"/>) of observations whose contexts span the loads seen.</summary>
    private int[] ReferenceContextIndices()
    {
        var n = Model.Count;
        if (n == 0)
        {
            return [];
        }

        var load = _axes.Length;
        var byLoad = Enumerable.Range(0, n).Select(i => (Load: Model.PointAt(i)[load], Index: i)).OrderBy(t => t.Load).ToList();
        var count = Math.Min(ReferenceContexts, n);
        var picked = new int[count];
        for (var j = 0; j < count; j++)
        {
            picked[j] = byLoad[count == 1 ? n - 1 : (int)Math.Round((double)j * (n - 1) / (count - 1))].Index;
        }

        return picked;
    }

    /// <summary>How many knobs differ between two configurations.</summary>
    public static int Changed(IReadOnlyList<double> a, IReadOnlyList<double> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var n = 0;
        for (var i = 0; i < a.Count; i++)
        {
            n += a[i] != b[i] ? 1 : 0;
        }

        return n;
    }

    private static bool Allowed(ImmutableArray<double> candidate, IReadOnlyList<double> incumbent, IReadOnlyList<bool>? movable)
    {
        if (movable is null)
        {
            return true;
        }

        for (var i = 0; i < candidate.Length; i++)
        {
            if (candidate[i] != incumbent[i] && !movable[i])
            {
                return false;
            }
        }

        return true;
    }

    private static void Copy(IReadOnlyList<double> from, Span<double> to)
    {
        for (var i = 0; i < to.Length; i++)
        {
            to[i] = from[i];
        }
    }

    /// <summary>Cholesky of the candidates' covariance with a growing jitter (it is only positive semi-definite).</summary>
    private void CholeskyOfCovariance(int m)
    {
        var s = TunerScratch.Current;
        var jitter = 1e-10;
        while (true)
        {
            var ok = true;
            for (var i = 0; i < m && ok; i++)
            {
                for (var j = 0; j <= i; j++)
                {
                    var sum = s.Cov[(i * m) + j] + (i == j ? jitter : 0);
                    for (var k = 0; k < j; k++)
                    {
                        sum -= s.Chol[(i * m) + k] * s.Chol[(j * m) + k];
                    }

                    if (i == j)
                    {
                        if (!(sum > 0))
                        {
                            ok = false;
                            break;
                        }

                        s.Chol[(i * m) + i] = Math.Sqrt(sum);
                    }
                    else
                    {
                        s.Chol[(i * m) + j] = sum / s.Chol[(j * m) + j];
                    }
                }
            }

            if (ok)
            {
                return;
            }

            jitter *= 100;
        }
    }
}

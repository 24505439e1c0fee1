using Lumen.Core.Sli;

namespace Lumen.Core.Rhythm;

/// <summary>
/// Least-squares fit of the first harmonic rps ≈ a + b·cos θ + c·sin θ over a history (docs/rhythm.md).
/// </summary>
/// <remarks>
/// <para>One pass, no allocation: the sums of the normal equations are accumulated and the 2×2
/// system for (b, c) is solved on centred sums (the intercept drops out), which is the ordinary
/// least-squares solution. rps is shifted by its first usable value before squaring so large
/// levels (10⁴ rps) do not cancel out the variance in double precision (the "shifted data"
/// variance algorithm, Chan, Golub &amp; LeVeque 1983).</para>
/// <para>R² = explained / total sum of squares = (b·S_cy + c·S_sy) / S_yy. Timestamps may be irregular,
/// unordered, or have gaps; only points with a finite, non-negative rps count.</para>
/// </remarks>
public static class HarmonicFitter
{
    // cos θ and sin θ are bounded by 1, so their centred covariance matrix has det ≤ n²/4; below this
    // share the points sit at (almost) one angle of the cycle and the phase is not identifiable.
    private const double MinRelativeDeterminant = 1e-6;

    /// <summary>Fits the harmonic, or returns why the history is not enough (the reason is for people).</summary>
    public static RhythmResult<RhythmFit> Fit(ReadOnlySpan<SliSample> history, RhythmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var sums = default(HarmonicSums);
        long firstTicks = long.MaxValue, lastTicks = long.MinValue;

        foreach (ref readonly var sample in history)
        {
            double rps = sample.Rps;
            if (!SliSample.IsUsable(rps))
            {
                continue;
            }

            long ticks = sample.Timestamp.UtcTicks;
            firstTicks = Math.Min(firstTicks, ticks);
            lastTicks = Math.Max(lastTicks, ticks);
            var (s, c) = Math.SinCos(CyclePhase.Angle(sample.Timestamp, options.Period));
            sums.Add(rps, s, c);
        }

        return Solve(in sums, sums.N == 0 ? TimeSpan.Zero : TimeSpan.FromTicks(lastTicks - firstTicks), options);
    }

    /// <summary>
    /// The fit from the sums of the normal equations and the time the usable points cover (the batch
    /// fit above and the sliding <see cref="RhythmWindow"/> share it, so they decide alike).
    /// </summary>
    internal static RhythmResult<RhythmFit> Solve(in HarmonicSums sums, TimeSpan covered, RhythmOptions options)
    {
        int n = sums.N;
        double shift = sums.Shift;
        double sumY = sums.SumY, sumYY = sums.SumYY, sumC = sums.SumC, sumS = sums.SumS, sumCC = sums.SumCC, sumSS = sums.SumSS,
            sumCS = sums.SumCS, sumCY = sums.SumCY, sumSY = sums.SumSY;

        if (n < options.MinValidPoints)
        {
            return RhythmResult<RhythmFit>.NotEnough(
                $"only {n} point(s) with a usable rps; at least {options.MinValidPoints} are needed");
        }

        var needed = options.Period * options.MinCoverage;
        if (covered < needed)
        {
            return RhythmResult<RhythmFit>.NotEnough(
                $"the history covers {covered} but at least {needed} ({options.MinCoverage} of the {options.Period} period) is needed");
        }

        double meanY = sumY / n, meanC = sumC / n, meanS = sumS / n;
        double scc = sumCC - (n * meanC * meanC);
        double sss = sumSS - (n * meanS * meanS);
        double scs = sumCS - (n * meanC * meanS);
        double scy = sumCY - (n * meanC * meanY);
        double ssy = sumSY - (n * meanS * meanY);
        double syy = Math.Max(0, sumYY - (n * meanY * meanY));

        double det = (scc * sss) - (scs * scs);
        if (!(det > MinRelativeDeterminant * n * n))
        {
            return RhythmResult<RhythmFit>.NotEnough(
                "the timestamps fall on (almost) one position of the cycle, so its phase cannot be fitted");
        }

        double b = ((sss * scy) - (scs * ssy)) / det;
        double c2 = ((scc * ssy) - (scs * scy)) / det;
        double level = shift + meanY - (b * meanC) - (c2 * meanS);

        // A flat series (variance at rounding level) has no rhythm: report strength 0, not noise's R².
        double scale = Math.Max(1, Math.Abs(shift + meanY));
        bool flat = syy <= n * 1e-24 * scale * scale;
        double strength = flat ? 0 : Math.Clamp(((b * scy) + (c2 * ssy)) / syy, 0, 1);
        double amplitude = flat ? 0 : Math.Sqrt((b * b) + (c2 * c2));
        double peakAngle = flat ? 0 : CyclePhase.Wrap(Math.Atan2(c2, b));

        return RhythmResult<RhythmFit>.Ok(new RhythmFit(
            options.Period,
            level,
            amplitude,
            peakAngle,
            strength,
            HasRhythm: !flat && strength >= options.RhythmStrengthThreshold,
            n,
            covered));
    }
}

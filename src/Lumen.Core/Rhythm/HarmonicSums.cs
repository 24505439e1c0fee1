namespace Lumen.Core.Rhythm;

/// <summary>
/// The sums of the first harmonic's normal equations over a set of usable rps points
/// (<see cref="HarmonicFitter"/>). Points can be added and taken away, so a sliding window keeps its
/// fit current in O(1) per point instead of refitting every point every tick.
/// </summary>
/// <remarks>
/// rps enters as y = rps − <see cref="Shift"/> (the first usable value added since the sums were
/// empty) so large levels do not cancel the variance. Taking a point away subtracts exactly what
/// adding it added; what rounding leaves behind is bounded by re-summing the window now and then
/// (<see cref="RhythmWindow"/> re-sums after as many removals as it holds points).
/// </remarks>
internal struct HarmonicSums
{
    public int N;
    public double Shift;
    public double SumY, SumYY, SumC, SumS, SumCC, SumSS, SumCS, SumCY, SumSY;

    /// <summary>Adds a point with a usable rps at cycle angle θ (sin θ, cos θ given).</summary>
    public void Add(double rps, double sin, double cos)
    {
        if (N == 0)
        {
            this = default;
            Shift = rps;
        }

        N++;
        double y = rps - Shift;
        SumY += y;
        SumYY += y * y;
        SumC += cos;
        SumS += sin;
        SumCC += cos * cos;
        SumSS += sin * sin;
        SumCS += cos * sin;
        SumCY += cos * y;
        SumSY += sin * y;
    }

    /// <summary>Takes away a point added before (same rps and angle).</summary>
    public void Remove(double rps, double sin, double cos)
    {
        N--;
        if (N <= 0)
        {
            this = default;
            return;
        }

        double y = rps - Shift;
        SumY -= y;
        SumYY -= y * y;
        SumC -= cos;
        SumS -= sin;
        SumCC -= cos * cos;
        SumSS -= sin * sin;
        SumCS -= cos * sin;
        SumCY -= cos * y;
        SumSY -= sin * y;
    }
}

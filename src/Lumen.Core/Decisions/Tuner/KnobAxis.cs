namespace Lumen.Core.Decisions.Tuner;

/// <summary>
/// One knob as the tuner sees it: its bounds, step and whether it is an integer, and the map of a
/// value to a position u ∈ [0, 1]. Knobs act multiplicatively (twice the workers, twice the cache),
/// so a knob whose bounds are positive is placed on a log scale; otherwise linearly.
/// </summary>
public sealed record KnobAxis(string Name, double Min, double Max, double Step, bool Integer)
{
    private bool Log => Min > 0 && Max > Min;

    /// <summary>The value's position in [0, 1].</summary>
    public double Position(double value)
    {
        if (!(Max > Min))
        {
            return 0;
        }

        var v = Math.Clamp(value, Min, Max);
        return Log ? Math.Log(v / Min) / Math.Log(Max / Min) : (v - Min) / (Max - Min);
    }

    /// <summary>
    /// The value nearest <paramref name="target"/> on the knob's grid (min + k·step, whole numbers for
    /// an integer knob) within the bounds and within <paramref name="clamp"/>·|from| of
    /// <paramref name="from"/>, rounded toward <paramref name="from"/> so it never passes the clamp.
    /// When no grid point lies in that range (the clamp of a small value is less than a step), the
    /// clamped target itself, rounded toward <paramref name="from"/> for an integer knob.
    /// </summary>
    public double Snap(double from, double target, double clamp)
    {
        var limit = clamp * Math.Abs(from);
        var t = Math.Clamp(target, Math.Max(Min, from - limit), Math.Min(Max, from + limit));
        var up = t >= from;
        var k = (t - Min) / Step;
        var snapped = Min + ((up ? Math.Floor(k + 1e-9) : Math.Ceiling(k - 1e-9)) * Step);
        if (snapped == from || (up ? snapped < from : snapped > from))
        {
            // No grid point between `from` and the clamped target (a small value whose clamp is less
            // than a step): move off the grid, as far as the clamp allows, like a single step would.
            snapped = t;
        }

        if (Integer)
        {
            snapped = up ? Math.Floor(snapped + 1e-9) : Math.Ceiling(snapped - 1e-9);
        }

        // Rounding toward `from` must not cross it.
        return up ? Math.Max(from, Math.Min(snapped, Max)) : Math.Min(from, Math.Max(snapped, Min));
    }
}

namespace Lumen.Cli.Bench.Tuner.Anchors;

/// <summary>
/// One knob's grid for the anchor search: <see cref="Min"/>, <see cref="Min"/> + <see cref="Step"/>, …
/// up to <see cref="Max"/> (the values the tuner can reach by steps from the minimum).
/// </summary>
internal readonly record struct KnobAxis(string Name, double Min, double Max, double Step)
{
    /// <summary>The number of grid values (at least 1).</summary>
    public int Count => Step > 0 && Max > Min ? (int)Math.Floor(((Max - Min) / Step) + 1e-9) + 1 : 1;

    /// <summary>The value at grid index <paramref name="index"/> (0 = <see cref="Min"/>).</summary>
    public double ValueAt(int index) => Math.Min(Max, Min + (index * Step));

    /// <summary>The grid index nearest to <paramref name="value"/>, clamped into the grid.</summary>
    public int NearestIndex(double value) =>
        Count == 1 ? 0 : Math.Clamp((int)Math.Round((value - Min) / Step), 0, Count - 1);
}

namespace Lumen.Runtime.Loop;

/// <summary>Comparing a value read back with the one expected: files and JSON round-trip decimals, so allow rounding noise.</summary>
public static class KnobValues
{
    public static bool Same(double read, double expected) =>
        Math.Abs(read - expected) <= 1e-9 * Math.Max(1.0, Math.Abs(expected));
}

namespace Lumen.Core.Decisions.Bandit;

/// <summary>
/// Deterministic, stateless tie-breaking: the draw for decision n is SplitMix64(seed + n)
/// (Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom number generators"), so the whole
/// random state is (seed, n) and a saved model resumes the exact same sequence.
/// </summary>
internal static class TieBreaker
{
    /// <summary>A uniform index in [0, count) for decision number <paramref name="decision"/>.</summary>
    public static int Pick(ulong seed, long decision, int count)
    {
        if (count <= 1)
        {
            return 0;
        }

        var z = unchecked(seed + (0x9E3779B97F4A7C15UL * (ulong)decision));
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;

        // Lemire's multiply-shift maps 64 random bits onto [0, count) without a modulo.
        return (int)Math.BigMul(z, (ulong)count, out _);
    }
}

namespace Lumen.Core.Decisions.Tuner;

/// <summary>
/// SplitMix64 (Steele, Lea &amp; Flood 2014) keyed by (seed, decision number), so the tuner's draws for
/// a decision are a pure function of the seed and the decision's number: a restarted loop resumes
/// the same sequence and a test can replay a decision exactly.
/// </summary>
internal struct TunerRandom(ulong seed, long decision)
{
    private ulong _state = unchecked(seed ^ (0xD1B54A32D192ED03UL * (ulong)(decision + 1)));
    private double? _spare;

    public double NextUniform()
    {
        _state = unchecked(_state + 0x9E3779B97F4A7C15UL);
        var z = _state;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return (z >> 11) * (1.0 / (1UL << 53));
    }

    /// <summary>A standard normal draw (Box–Muller, the spare kept for the next call).</summary>
    public double NextGaussian()
    {
        if (_spare is { } spare)
        {
            _spare = null;
            return spare;
        }

        var u1 = 1.0 - NextUniform();
        var u2 = NextUniform();
        var r = Math.Sqrt(-2 * Math.Log(u1));
        _spare = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }
}

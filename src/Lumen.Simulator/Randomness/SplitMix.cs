namespace Lumen.Simulator.Randomness;

/// <summary>
/// A tiny seeded generator (SplitMix64, Steele, Lea &amp; Flood 2014, "Fast splittable pseudorandom
/// number generators"). The simulator seeds one per (seed, stream, tick, service, track), so every
/// draw is a pure function of its coordinates: the same seed gives bit-identical output whatever
/// order the caller asks in, and asking for records never shifts the SLI noise. A mutable struct on
/// the stack: no allocation on the per-tick path.
/// </summary>
internal struct SplitMix
{
    private const ulong Gamma = 0x9E3779B97F4A7C15UL;
    private ulong _state;

    public SplitMix(ulong seed) => _state = seed;

    /// <summary>A generator for one coordinate of the simulation.</summary>
    public static SplitMix For(ulong seed, RandomStream stream, long tick, int service, int track)
    {
        unchecked
        {
            var h = Mix(seed ^ 0x5DEECE66DUL);
            h = Mix(h ^ ((ulong)stream * 0xD1B54A32D192ED03UL));
            h = Mix(h ^ (ulong)tick);
            h = Mix(h ^ ((ulong)service << 8) ^ (ulong)track);
            return new SplitMix(h);
        }
    }

    /// <summary>The SplitMix64 finaliser (a bijective 64-bit mixer).</summary>
    public static ulong Mix(ulong z)
    {
        unchecked
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    public ulong NextULong()
    {
        unchecked
        {
            _state += Gamma;
            return Mix(_state);
        }
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in (0, 1]: safe under a logarithm.</summary>
    public double NextOpenDouble() => ((NextULong() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>A standard normal draw (Box–Muller; the second value is dropped to keep the struct small).</summary>
    public double NextGaussian()
    {
        var u1 = NextOpenDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>
    /// A Poisson draw: exact (Knuth's product method) for small means, the normal approximation
    /// with continuity correction above 30, where it is within a fraction of a percent.
    /// </summary>
    public long NextPoisson(double mean)
    {
        if (!(mean > 0))
        {
            return 0;
        }

        if (mean < 30)
        {
            var limit = Math.Exp(-mean);
            long k = 0;
            var product = NextOpenDouble();
            while (product > limit)
            {
                k++;
                product *= NextOpenDouble();
            }

            return k;
        }

        var x = Math.Round(mean + Math.Sqrt(mean) * NextGaussian());
        return x < 0 ? 0 : (long)x;
    }

    /// <summary>
    /// A binomial draw: exact (Bernoulli sums, or Poisson for a rare event) when the expected count
    /// is small, the normal approximation (clamped to [0, n]) when n·p·(1−p) ≥ 10.
    /// </summary>
    public long NextBinomial(long n, double p)
    {
        if (n <= 0 || !(p > 0))
        {
            return 0;
        }

        if (p >= 1)
        {
            return n;
        }

        var variance = n * p * (1 - p);
        if (variance >= 10)
        {
            var x = Math.Round(n * p + Math.Sqrt(variance) * NextGaussian());
            return x < 0 ? 0 : x > n ? n : (long)x;
        }

        if (n <= 64)
        {
            long hits = 0;
            for (var i = 0; i < n; i++)
            {
                if (NextDouble() < p)
                {
                    hits++;
                }
            }

            return hits;
        }

        // Small variance with large n: p or 1−p is tiny, where Binomial(n, p) ≈ Poisson(n·p).
        if (p <= 0.5)
        {
            return Math.Min(n, NextPoisson(n * p));
        }

        return n - Math.Min(n, NextPoisson(n * (1 - p)));
    }
}

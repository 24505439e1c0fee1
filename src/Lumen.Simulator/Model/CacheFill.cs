namespace Lumen.Simulator.Model;

/// <summary>
/// The memory side of one instance (docs/simulator.md, "Cache warm-up and memory limit"): the cache
/// fills toward its configured size as w(t) = C − (C − w₀)·e^(−t/τ) (shrinking is immediate), and
/// when the filled cache plus the workers' memory exceeds the limit the instance is killed, stays
/// down for the restart time (every request to it fails) and comes back with a cold cache.
/// </summary>
internal static class CacheFill
{
    /// <summary>What one interval of the memory cycle left the requests with.</summary>
    /// <param name="DownShare">Share of the interval the instance was down.</param>
    /// <param name="MeanFilledMb">The filled cache, averaged over the time the instance was up.</param>
    public readonly record struct Interval(double DownShare, double MeanFilledMb);

    /// <summary>Memory available to the cache before the instance is killed; +∞ without a limit.</summary>
    public static double HeadroomMb(ModelParameters p, in ModelKnobs knobs) =>
        p.HasMemoryLimit ? p.MemoryLimitMb - Workers(knobs) * p.WorkerMemoryMb : double.PositiveInfinity;

    /// <summary>Advances the fill and the restart cycle of one instance by <paramref name="seconds"/>.</summary>
    public static Interval Advance(ref CacheState state, ModelParameters p, in ModelKnobs knobs, double seconds)
    {
        var target = Math.Max(0, knobs.CacheMb);
        var headroom = HeadroomMb(p, knobs);
        var tau = p.CacheWarmupSeconds;
        if (!state.Started)
        {
            // The run starts in steady state: a warm cache, no restart under way.
            state = new CacheState(true, target, 0);
        }

        var filled = Math.Min(state.FilledMb, target);
        var downLeft = state.DownLeftSeconds;
        if (target > headroom && (tau <= 0 || headroom <= 0))
        {
            // The cache fills past the limit as soon as the instance starts: it never stays up.
            state = new CacheState(true, 0, Math.Max(downLeft, p.RestartSeconds));
            return new Interval(1, 0);
        }

        var remaining = seconds;
        var down = 0.0;
        var up = 0.0;
        var integral = 0.0;
        for (var i = 0; i < 100_000 && remaining > 0; i++)
        {
            if (downLeft > 0)
            {
                var d = Math.Min(downLeft, remaining);
                down += d;
                downLeft -= d;
                remaining -= d;
                filled = 0;
                continue;
            }

            var run = remaining;
            var killed = false;
            if (target > headroom)
            {
                // Killed when the fill reaches the headroom: C − (C − w)·e^(−t/τ) = H.
                var untilKill = filled >= headroom ? 0 : tau * Math.Log((target - filled) / (target - headroom));
                if (untilKill < remaining)
                {
                    run = untilKill;
                    killed = true;
                }
            }

            integral += Grow(ref filled, target, tau, run);
            up += run;
            remaining -= run;
            if (killed)
            {
                downLeft = Math.Max(p.RestartSeconds, 1e-3);
                filled = 0;
            }
        }

        state = new CacheState(true, filled, downLeft);
        return new Interval(down / seconds, up > 0 ? integral / up : 0);
    }

    /// <summary>
    /// The steady state of a setting held long enough: a warm cache, or, over the memory limit, the
    /// restart loop's long-run down share R / (R + t_up) with t_up = τ·ln(C / (C − H)) the time a cold
    /// cache takes to fill to the headroom, and the fill averaged over t_up, C − H·τ / t_up.
    /// </summary>
    public static Interval Steady(ModelParameters p, in ModelKnobs knobs)
    {
        var target = Math.Max(0, knobs.CacheMb);
        var headroom = HeadroomMb(p, knobs);
        if (target <= headroom)
        {
            return new Interval(0, target);
        }

        var tau = p.CacheWarmupSeconds;
        if (tau <= 0 || headroom <= 0)
        {
            return new Interval(1, 0);
        }

        var upSeconds = tau * Math.Log(target / (target - headroom));
        var restart = Math.Max(p.RestartSeconds, 1e-3);
        return new Interval(restart / (restart + upSeconds), target - headroom * tau / upSeconds);
    }

    /// <summary>Grows the fill toward the target for <paramref name="seconds"/>; returns ∫ fill dt.</summary>
    private static double Grow(ref double filled, double target, double tau, double seconds)
    {
        if (seconds <= 0)
        {
            return 0;
        }

        if (tau <= 0)
        {
            filled = target;
            return target * seconds;
        }

        var decay = Math.Exp(-seconds / tau);
        var gap = target - filled;
        var integral = target * seconds - gap * tau * (1 - decay);
        filled = target - gap * decay;

        // Close enough to count as full: lets the model's cached shape stop changing.
        if (target - filled < 1e-6 * Math.Max(1, target))
        {
            filled = target;
        }

        return integral;
    }

    private static double Workers(in ModelKnobs knobs) =>
        knobs.Concurrency >= 1 ? Math.Round(Math.Min(knobs.Concurrency, 1e6)) : 1;
}

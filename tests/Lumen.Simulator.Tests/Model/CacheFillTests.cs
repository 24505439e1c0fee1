using Lumen.Simulator.Model;

namespace Lumen.Simulator.Tests.Model;

public sealed class CacheFillTests
{
    private static readonly ModelParameters Warming = new() { CacheWarmupSeconds = 300 };

    private static readonly ModelParameters Limited = new()
    {
        CacheWarmupSeconds = 300, MemoryLimitMb = 2048, WorkerMemoryMb = 16, RestartSeconds = 45,
    };

    [Fact]
    public void Advance_Grown_RampsTowardTheNewSizeOverMinutes()
    {
        var state = new CacheState(true, 512, 0);
        var knobs = new ModelKnobs(32, 2048, 1000);

        var first = CacheFill.Advance(ref state, Warming, knobs, 30);
        var afterOneTick = state.FilledMb;
        for (var i = 0; i < 19; i++)
        {
            CacheFill.Advance(ref state, Warming, knobs, 30);
        }

        // w(t) = C − (C − w₀)·e^(−t/τ): one tick of 30 s fills 1 − e^(−0.1) ≈ 9.5 % of the gap; ten minutes 86 %.
        Assert.Equal(2048 - 1536 * Math.Exp(-0.1), afterOneTick, 6);
        Assert.InRange(first.MeanFilledMb, 512, afterOneTick);
        Assert.Equal(2048 - 1536 * Math.Exp(-2), state.FilledMb, 6);
        Assert.Equal(0, first.DownShare);
    }

    [Fact]
    public void Advance_Shrunk_IsImmediate()
    {
        var state = new CacheState(true, 2048, 0);

        var interval = CacheFill.Advance(ref state, Warming, new ModelKnobs(32, 256, 1000), 30);

        Assert.Equal(256, interval.MeanFilledMb);
        Assert.Equal(256, state.FilledMb);
    }

    [Fact]
    public void Advance_FirstInterval_StartsWarm()
    {
        var state = default(CacheState);

        var interval = CacheFill.Advance(ref state, Warming, new ModelKnobs(32, 1024, 1000), 30);

        Assert.Equal(1024, interval.MeanFilledMb);
    }

    [Fact]
    public void Advance_OverTheMemoryLimit_RestartsColdAgainAndAgain()
    {
        // 32 workers × 16 MiB leave 1536 MiB for the cache; 1800 MiB fills past it after
        // τ·ln(1800 / 264) ≈ 576 s, then the instance is down for 45 s and starts cold.
        var knobs = new ModelKnobs(32, 1800, 1000);
        var state = new CacheState(true, 1024, 0);
        var down = new List<double>();
        var fills = new List<double>();
        for (var i = 0; i < 240; i++)
        {
            var interval = CacheFill.Advance(ref state, Limited, knobs, 30);
            down.Add(interval.DownShare);
            fills.Add(interval.MeanFilledMb);
        }

        var kills = down.Count(d => d > 0);
        Assert.True(kills >= 10, $"{kills} intervals with a restart in two hours");
        Assert.Contains(fills, f => f < 100);                     // cold after a restart
        Assert.All(fills, f => Assert.True(f <= 1536 + 1e-6));    // never fuller than the headroom

        // Long-run down share: R / (R + t_up).
        var steady = CacheFill.Steady(Limited, knobs);
        var upSeconds = 300 * Math.Log(1800 / (1800 - 1536.0));
        Assert.Equal(45 / (45 + upSeconds), steady.DownShare, 9);
        Assert.InRange(down.Skip(40).Average(), 0.9 * steady.DownShare, 1.1 * steady.DownShare);
    }

    [Fact]
    public void Advance_BackUnderTheLimit_StopsRestarting()
    {
        var state = new CacheState(true, 0, 20);

        var first = CacheFill.Advance(ref state, Limited, new ModelKnobs(32, 1024, 1000), 30);
        var second = CacheFill.Advance(ref state, Limited, new ModelKnobs(32, 1024, 1000), 30);

        Assert.Equal(20.0 / 30, first.DownShare, 9);   // the restart under way finishes
        Assert.Equal(0, second.DownShare);
        Assert.True(second.MeanFilledMb > first.MeanFilledMb);
    }

    [Fact]
    public void Steady_WorkersAloneOverTheLimit_IsAlwaysDown()
    {
        var steady = CacheFill.Steady(Limited, new ModelKnobs(200, 64, 1000));

        Assert.Equal(1, steady.DownShare);
    }

    [Fact]
    public void Steady_UnderTheLimit_IsWarmAndUp()
    {
        var steady = CacheFill.Steady(Limited, new ModelKnobs(32, 1536, 1000));

        Assert.Equal(new CacheFill.Interval(0, 1536), steady);
    }
}

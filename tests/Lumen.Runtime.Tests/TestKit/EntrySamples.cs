using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;
using Lumen.Core.Sli;
using Lumen.Runtime.Loop;

namespace Lumen.Runtime.Tests.TestKit;

/// <summary>What the entry-shape tests (observation, decision) fill in: a service's tick and mapped coordinates.</summary>
internal static class EntrySamples
{
    public static readonly KnobSpec Timeout = new("timeout_ms", 100, 5000, 1000, 100, Integer: true, 60, 0);
    public static readonly KnobSpec Concurrency = new("concurrency_limit", 4, 256, 32, 4, Integer: true, 60, 0);

    /// <summary>A tick of service <paramref name="name"/> with <paramref name="knobs"/>, in that (declaration) order, and nothing read yet.</summary>
    public static ServiceTick Tick(string name, params KnobSpec[] knobs)
    {
        var config = new ServiceConfig(name, default, new SliQueries("p", "e", "r", null), [.. knobs], new ServiceExecutors(new SimExecutorSpec(), null));
        var memory = new ServiceMemory(config, new SliHistory(10), LinUcbModel.Create(Arm.ForKnobs(["timeout_ms", "concurrency_limit"]), 3, 1));
        return new ServiceTick(memory);
    }

    /// <summary>Coordinates mapped from 200 points of a daily rhythm (every field a full-precision double).</summary>
    public static RhythmCoordinates Coordinates()
    {
        var window = new RhythmWindow(200);
        var t0 = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 200; i++)
        {
            window.Add(new SliSample(t0.AddMinutes(10 * i), 200 + (50 * Math.Sin(i / 7.0)), 0.002 * (1 + Math.Cos(i / 5.0)), 100 + (60 * Math.Sin(2 * Math.PI * i / 144.0))));
        }

        return RhythmMapper.Map(window, RhythmOptions.Default, new SloObjectives(250, 0.01), [new KnobPosition("concurrency_limit", 32, 4, 256)]).Value!;
    }
}

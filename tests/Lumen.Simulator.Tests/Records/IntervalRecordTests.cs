using System.Text.Json;
using Lumen.Simulator.Records;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Tests.Records;

public sealed class IntervalRecordTests
{
    [Fact]
    public void IntervalRecords_EveryTick_AreCumulativeAndEndAtTheRequestCount()
    {
        var world = new SimulatedWorld(TestEnvironments.Load("bursty"), 9);
        for (var i = 0; i < 200; i++)
        {
            world.Advance(7);
            var records = world.IntervalRecords();

            Assert.Equal(4, records.Count);
            foreach (var record in records)
            {
                Assert.Equal(LatencyBuckets.UpperBoundsSeconds.Length, record.LatencyLe.Length);
                for (var b = 1; b < record.LatencyLe.Length; b++)
                {
                    Assert.True(record.LatencyLe[b] >= record.LatencyLe[b - 1]);
                }

                Assert.True(record.LatencyLe[0] >= 0);
                Assert.Equal(record.Requests, record.LatencyLe[^1]);
                Assert.InRange(record.Errors, 0, record.Requests);
                Assert.Equal(world.Now, record.Timestamp);
            }
        }
    }

    [Fact]
    public void IntervalRecords_CountsMatchTheReadings()
    {
        var world = new SimulatedWorld(TestEnvironments.Steady, 2);
        world.Advance(100);

        var record = world.IntervalRecords().Single(r => r.Service == "checkout" && r.Track == Track.Canary);
        var reading = world.Reading("checkout", Track.Canary);

        Assert.Equal(reading.Requests, record.Requests);
        Assert.Equal(reading.Errors, record.Errors);
    }

    [Fact]
    public void IntervalRecords_SameKnobsOnBothTracks_HaveTheSameLatencyShape()
    {
        // A/A: both tracks run the same configuration, so the share of requests under 250 ms agrees
        // up to sampling noise, summed over an hour.
        var world = new SimulatedWorld(TestEnvironments.Steady, 4);
        world.Advance(18 * 120);
        long canaryFast = 0, canaryAll = 0, baselineFast = 0, baselineAll = 0;
        var bucket = LatencyBuckets.UpperBoundsSeconds.IndexOf(0.25);
        for (var i = 0; i < 120; i++)
        {
            world.Advance();
            foreach (var r in world.IntervalRecords().Where(r => r.Service == "checkout"))
            {
                if (r.Track == Track.Canary)
                {
                    canaryFast += r.LatencyLe[bucket];
                    canaryAll += r.Requests;
                }
                else
                {
                    baselineFast += r.LatencyLe[bucket];
                    baselineAll += r.Requests;
                }
            }
        }

        var canaryShare = (double)canaryFast / canaryAll;
        var baselineShare = (double)baselineFast / baselineAll;
        Assert.InRange(canaryShare, 0.05, 0.999);
        Assert.Equal(baselineShare, canaryShare, 2);
    }

    [Fact]
    public void ToJson_Record_HasTheCanaryCheckShape()
    {
        var record = new IntervalRecord(
            new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero), "checkout", Track.Canary, 1200, 3,
            [10, 200, 900, 1150, 1170, 1195, 1199, 1200, 1200, 1200, 1200, 1200, 1200, 1200, 1200]);

        var json = record.ToJson();

        Assert.Equal(
            """{"ts":"2026-01-01T00:00:30Z","service":"checkout","track":"canary","requests":1200,"errors":3,"latency_le":{"0.005":10,"0.01":200,"0.025":900,"0.05":1150,"0.075":1170,"0.1":1195,"0.25":1199,"0.5":1200,"0.75":1200,"1":1200,"2.5":1200,"5":1200,"7.5":1200,"10":1200,"+Inf":1200}}""",
            json);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(1200, parsed.RootElement.GetProperty("latency_le").GetProperty("+Inf").GetInt64());
    }
}

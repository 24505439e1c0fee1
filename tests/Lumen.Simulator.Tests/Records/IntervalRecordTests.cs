using System.Text.Json;
using Lumen.Core.Canary;
using Lumen.Simulator.Records;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Tests.Records;

public sealed class IntervalRecordTests
{
    private static readonly string[] Labels = ["0.005", "0.01", "0.025", "0.05", "0.075", "0.1", "0.25", "0.5", "0.75", "1", "2.5", "5", "7.5", "10", "+Inf"];

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
                Assert.Equal(LatencyBuckets.UpperBoundsSeconds, record.Buckets.Select(b => b.UpperBoundSeconds));
                for (var b = 1; b < record.Buckets.Length; b++)
                {
                    Assert.True(record.Buckets[b].CumulativeCount >= record.Buckets[b - 1].CumulativeCount);
                }

                Assert.True(record.Buckets[0].CumulativeCount >= 0);
                Assert.Equal(record.Requests, record.Buckets[^1].CumulativeCount);
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

        var record = world.IntervalRecords().Single(r => r.Service == "checkout" && r.Track == CanaryTrack.Canary);
        var reading = world.Reading("checkout", CanaryTrack.Canary);

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
                if (r.Track == CanaryTrack.Canary)
                {
                    canaryFast += r.Buckets[bucket].CumulativeCount;
                    canaryAll += r.Requests;
                }
                else
                {
                    baselineFast += r.Buckets[bucket].CumulativeCount;
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
    public void IntervalRecords_WrittenByTheCoreWriter_HaveTheCanaryCheckShape()
    {
        var world = new SimulatedWorld(TestEnvironments.Steady, 2);
        world.Advance(100);
        var record = world.IntervalRecords().Single(r => r.Service == "checkout" && r.Track == CanaryTrack.Canary);
        var counts = string.Join(',', record.Buckets.Select((b, i) => $"\"{Labels[i]}\":{b.CumulativeCount}"));

        var json = IntervalRecordWriter.Write(record);

        Assert.Equal(
            $$$"""{"ts":"2026-01-01T00:50:00Z","service":"checkout","track":"canary","requests":{{{record.Requests}}},"errors":{{{record.Errors}}},"latency_le":{{{{counts}}}}}""",
            json);
        using var parsed = JsonDocument.Parse(json);
        Assert.Equal(record.Requests, parsed.RootElement.GetProperty("latency_le").GetProperty("+Inf").GetInt64());
    }
}

using System.Collections.Immutable;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Core.Canary;
using Lumen.Core.Rhythm;

namespace Lumen.Core.Tests.Canary;

public sealed class IntervalRecordWriterTests
{
    private const string Example = """{"ts":"2026-01-01T00:00:30Z","service":"checkout","track":"canary","requests":1200,"errors":3,"latency_le":{"0.005":10,"0.01":200,"0.025":900,"0.05":1150,"0.1":1195,"+Inf":1200}}""";

    private static readonly string[] ServiceParts = ["checkout", "a", "-", "_", ".", "\"", "\\", "+", "<", "/", "é", "€", "\n", "\t", "\u0001", "😀", "0", " "];

    private static readonly double[] CommonBounds = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 0, 1e-9, 123456.789];

    [Fact]
    public void Write_TheFormatsExample_IsTheSameLine()
    {
        var parsed = IntervalRecordParser.Parse(Example);
        Assert.True(parsed.IsOk, parsed.Error);

        Assert.Equal(Example, IntervalRecordWriter.Write(parsed.Record));
    }

    [Fact]
    public void Write_PhaseAndCoherence_AreWrittenAfterTheBucketsCoherenceToSixDecimals()
    {
        var record = new IntervalRecord(new DateTimeOffset(2026, 1, 1, 0, 0, 30, 250, TimeSpan.FromHours(2)), "checkout", CanaryTrack.Baseline, 5, 0,
            [new LatencyBucket(0.25, 4), new LatencyBucket(double.PositiveInfinity, 5)], PhaseLabel.Trough, 0.123456789);

        Assert.Equal(
            """{"ts":"2025-12-31T22:00:30.25Z","service":"checkout","track":"baseline","requests":5,"errors":0,"latency_le":{"0.25":4,"+Inf":5},"phase":"trough","coherence":0.123457}""",
            IntervalRecordWriter.Write(record));
    }

    [Fact]
    public void Write_WithLabels_KeepsTheLabelTextAndTheParserReadsTheSameBounds()
    {
        var record = new IntervalRecord(new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero), "checkout", CanaryTrack.Canary, 5, 0,
            [new LatencyBucket(0.25, 4), new LatencyBucket(1, 5), new LatencyBucket(double.PositiveInfinity, 5)]);

        var json = IntervalRecordWriter.Write(record, ["2.5e-01", "1.0", "+Inf"]);

        Assert.Equal("""{"ts":"2026-01-01T00:00:30Z","service":"checkout","track":"canary","requests":5,"errors":0,"latency_le":{"2.5e-01":4,"1.0":5,"+Inf":5}}""", json);
        var parsed = IntervalRecordParser.Parse(json);
        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(record.Buckets.AsEnumerable(), parsed.Record.Buckets.AsEnumerable());
    }

    [Fact]
    public void Write_LabelsOfAnotherLength_IsRefused()
    {
        var record = new IntervalRecord(DateTimeOffset.UnixEpoch, "checkout", CanaryTrack.Canary, 0, 0, [new LatencyBucket(double.PositiveInfinity, 0)]);

        Assert.Throws<ArgumentException>(() => IntervalRecordWriter.Write(record, ["0.1", "+Inf"]));
    }

    /// <summary>Write → parse gives back the same record (coherence to the 6 decimals written), for any record the format allows:
    /// any time and offset to the tick, any service text (quotes, controls, non-ASCII), any bounds, counts and optional fields.</summary>
    [Property(MaxTest = 2_000)]
    public Property Write_ThenParse_GivesTheSameRecord(int seed)
    {
        var record = RandomRecord(new Random(seed));

        var json = IntervalRecordWriter.Write(record);
        var parsed = IntervalRecordParser.Parse(json);

        if (!parsed.IsOk)
        {
            return false.Label($"{json} -> {parsed.Error}");
        }

        var same = parsed.Record.Timestamp == record.Timestamp
            && parsed.Record.Service == record.Service
            && parsed.Record.Track == record.Track
            && parsed.Record.Requests == record.Requests
            && parsed.Record.Errors == record.Errors
            && parsed.Record.Buckets.SequenceEqual(record.Buckets)
            && parsed.Record.Phase == record.Phase
            && parsed.Record.Coherence == (record.Coherence is { } c ? Math.Round(c, 6) : null);
        return (same && IntervalRecordWriter.Write(parsed.Record) == json).Label(json);
    }

    private static IntervalRecord RandomRecord(Random random)
    {
        var ticks = new DateTime(2000, 1, 1).Ticks + random.NextInt64(TimeSpan.FromDays(365 * 100).Ticks);
        ticks -= random.Next(2) == 0 ? ticks % TimeSpan.TicksPerSecond : 0;
        var ts = new DateTimeOffset(ticks, TimeSpan.FromMinutes(random.Next(-14 * 60, (14 * 60) + 1)));
        var service = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => ServiceParts[random.Next(ServiceParts.Length)]));
        service = service.Length > IntervalRecordParser.MaxServiceLength ? service[..IntervalRecordParser.MaxServiceLength] : service;
        var requests = random.Next(3) switch { 0 => 0, 1 => random.NextInt64(1, 5_000), _ => random.NextInt64(long.MaxValue) };
        var errors = requests == 0 ? 0 : random.NextInt64(requests + 1);
        var bounds = new SortedSet<double>();
        for (var i = random.Next(0, 20); i > 0; i--)
        {
            bounds.Add(random.Next(3) == 0 ? CommonBounds[random.Next(CommonBounds.Length)] : RandomBound(random));
        }

        var buckets = ImmutableArray.CreateBuilder<LatencyBucket>(bounds.Count + 1);
        long cumulative = 0;
        foreach (var bound in bounds)
        {
            cumulative += random.NextInt64(requests - cumulative + 1) / Math.Max(1, bounds.Count);
            buckets.Add(new LatencyBucket(bound, cumulative));
        }

        buckets.Add(new LatencyBucket(double.PositiveInfinity, requests));
        PhaseLabel? phase = random.Next(6) is var p && p < 5 ? (PhaseLabel)p : null;
        double? coherence = random.Next(3) switch { 0 => null, 1 => random.Next(2), _ => random.NextDouble() };
        return new IntervalRecord(ts, service, random.Next(2) == 0 ? CanaryTrack.Baseline : CanaryTrack.Canary, requests, errors, buckets.MoveToImmutable(), phase, coherence);
    }

    /// <summary>Any finite double ≥ 0, by its bits: subnormals, huge values and 17-digit fractions included.</summary>
    private static double RandomBound(Random random)
    {
        var value = BitConverter.Int64BitsToDouble(random.NextInt64(0x7FF0_0000_0000_0000));
        return double.IsFinite(value) ? value : 1;
    }
}

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Canary;

namespace Lumen.Adapters.Tests.Prometheus;

public sealed class IntervalRoundingTests
{
    private static readonly DateTimeOffset Ts = new(2026, 1, 1, 0, 0, 30, TimeSpan.Zero);

    private static (ExportedRecord? Record, string? Problem) Build(double? errors, params (string Le, double Value)[] buckets) =>
        IntervalRounding.Build(Ts, "checkout", CanaryTrack.Canary, [.. buckets.Select(b => new KeyValuePair<string, double>(b.Le, b.Value))], errors);

    [Fact]
    public void Build_FractionalIncreases_RoundsToNearestAndPlusInfIsRequests()
    {
        var (record, _) = Build(2.6, ("0.1", 899.4), ("+Inf", 1200.5), ("0.005", 9.6));

        Assert.NotNull(record);
        Assert.Equal(1201, record.Record.Requests);
        Assert.Equal(3, record.Record.Errors);
        Assert.Equal("0.005=10 0.1=899 +Inf=1201", Shown(record));
    }

    [Fact]
    public void Build_BucketsExtrapolatedOutOfOrder_AreClampedCumulativeAndUnderPlusInf()
    {
        // Each bucket is extrapolated on its own: a larger bound can come out smaller, a finite one above +Inf.
        var (record, _) = Build(null, ("0.05", 120.4), ("0.1", 118.7), ("0.5", 301.2), ("+Inf", 299.8));

        Assert.Equal("0.05=120 0.1=120 0.5=300 +Inf=300", Shown(record!));
    }

    private static string Shown(ExportedRecord record) =>
        string.Join(' ', record.LeLabels.Zip(record.Record.Buckets, (le, b) => $"{le}={b.CumulativeCount.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));

    [Fact]
    public void Build_NoErrorsSeries_CountsZeroErrors()
    {
        Assert.Equal(0, Build(null, ("+Inf", 10))!.Record!.Record.Errors);
    }

    [Fact]
    public void Build_ErrorsAbovePlusInf_AreClampedToRequests()
    {
        Assert.Equal(10, Build(10.9, ("+Inf", 10.2))!.Record!.Record.Errors);
    }

    [Fact]
    public void Build_LabelTextIsKeptAsPrometheusWroteIt()
    {
        var json = Build(0, ("1.0", 5), ("2.5e-01", 4), ("+Inf", 5)).Record!.ToJson();

        Assert.Equal("""{"ts":"2026-01-01T00:00:30Z","service":"checkout","track":"canary","requests":5,"errors":0,"latency_le":{"2.5e-01":4,"1.0":5,"+Inf":5}}""", json);
    }

    [Theory]
    [InlineData("0.1", double.NaN, "not a count")]
    [InlineData("0.1", -1.0, "not a count")]
    [InlineData("fast", 1.0, "not a bound in seconds")]
    public void Build_ValueOrLabelThatIsNotACount_IsRefused(string le, double value, string expected)
    {
        var (record, problem) = Build(0, (le, value), ("+Inf", 5));

        Assert.Null(record);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_NoPlusInfBucket_IsRefused()
    {
        Assert.Equal("no +Inf bucket", Build(0, ("0.1", 5)).Problem);
    }

    [Fact]
    public void Build_TwoLabelsOfOneBound_AreRefused()
    {
        Assert.Contains("same bound", Build(0, ("1", 5), ("1.0", 5), ("+Inf", 5)).Problem, StringComparison.Ordinal);
    }

    /// <summary>Whatever increase() returns, the record is one the core's parser accepts, and each count
    /// is within 0.5 of its own value unless the values themselves were out of order.</summary>
    [Property(MaxTest = 500)]
    public bool Build_AnyNonNegativeValues_GivesARecordTheParserAccepts(NonNegativeInt[] raw, NonNegativeInt inf, NonNegativeInt errors)
    {
        var bounds = new[] { "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10" };
        var buckets = raw.Take(bounds.Length).Select((v, i) => (bounds[i], v.Get / 7.0)).Append(("+Inf", inf.Get / 3.0)).ToArray();

        var (record, _) = Build(errors.Get / 5.0, buckets);

        var parsed = IntervalRecordParser.Parse(record!.ToJson());
        var sorted = buckets.Select(b => b.Item2).ToArray();
        var ordered = sorted.Zip(sorted.Skip(1)).All(p => p.First <= p.Second);
        var close = !ordered || record.Record.Buckets.Zip(buckets).All(p => Math.Abs(p.First.CumulativeCount - p.Second.Item2) <= 0.5);
        return parsed.IsOk && parsed.Record.Requests == record.Record.Requests && record.Record.Buckets[^1].CumulativeCount == record.Record.Requests && close;
    }
}

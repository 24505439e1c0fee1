using System.Collections.Immutable;
using Lumen.Core.Publishing;

namespace Lumen.Core.Tests.Publishing;

public sealed class PrometheusTextFormatterTests
{
    private static readonly string GoldenPath = Path.Combine(AppContext.BaseDirectory, "TestData", "Publishing", "lumen.prom.golden");

    [Fact]
    public void Format_SampleSnapshot_MatchesGoldenFile()
    {
        var actual = PrometheusTextFormatter.Format(SampleSnapshot.Create());

        var expected = File.ReadAllText(GoldenPath);
        if (!string.Equals(expected, actual, StringComparison.Ordinal))
        {
            // Leaves the new output beside the test binaries, to diff and copy over the golden file on purpose.
            File.WriteAllText(GoldenPath + ".actual", actual);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public void Format_SameSnapshotInAnyOrder_GivesTheSameBytes()
    {
        var snapshot = SampleSnapshot.Create();
        var reversed = snapshot with
        {
            Tracks = [.. snapshot.Tracks.Reverse()],
            Services = [.. snapshot.Services.Reverse()],
            AdjustmentOutcomes = [.. snapshot.AdjustmentOutcomes.Reverse()],
        };

        Assert.Equal(PrometheusTextFormatter.Format(snapshot), PrometheusTextFormatter.Format(reversed));
    }

    [Fact]
    public void Format_LabelValueWithBackslashQuoteNewline_IsEscaped()
    {
        var snapshot = MetricsSnapshot.Empty with
        {
            Services = [new ServiceMetrics("a\\b\"c\nd", CoherenceRatio: 1)],
        };

        var text = PrometheusTextFormatter.Format(snapshot);

        Assert.Contains("lumen_coherence_ratio{service=\"a\\\\b\\\"c\\nd\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_UnknownValues_AreLeftOutNotZero()
    {
        var snapshot = MetricsSnapshot.Empty with { Tracks = [new TrackMetrics("s", "canary", null, null, null)] };

        Assert.Equal("", PrometheusTextFormatter.Format(snapshot));
    }

    [Fact]
    public void Format_Output_HasNoTimestampsAndEndsWithNewline()
    {
        var text = PrometheusTextFormatter.Format(SampleSnapshot.Create());
        var samples = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToList();

        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.NotEmpty(samples);
        // After the series name (and its labels) comes exactly one token, the value: no timestamp.
        Assert.All(samples, line =>
        {
            var afterSeries = line.Contains('}', StringComparison.Ordinal) ? line[(line.LastIndexOf('}') + 1)..] : line[line.IndexOf(' ', StringComparison.Ordinal)..];
            Assert.Single(afterSeries.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        });
    }

    [Fact]
    public void Format_DuplicateSeries_Throws()
    {
        var snapshot = MetricsSnapshot.Empty with
        {
            Services = ImmutableArray.Create(new ServiceMetrics("s", CoherenceRatio: 1), new ServiceMetrics("s", CoherenceRatio: 0.5)),
        };

        Assert.Throws<ArgumentException>(() => PrometheusTextFormatter.Format(snapshot));
    }

    [Theory]
    [InlineData(double.PositiveInfinity, "+Inf")]
    [InlineData(double.NegativeInfinity, "-Inf")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(1e-7, "1E-07")]
    [InlineData(32.0, "32")]
    public void FormatDouble_SpecialAndPlainValues_UsePrometheusSpelling(double value, string expected) =>
        Assert.Equal(expected, ExpositionText.FormatDouble(value));
}

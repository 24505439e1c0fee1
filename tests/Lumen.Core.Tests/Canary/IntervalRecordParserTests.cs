using Lumen.Core.Canary;
using Lumen.Core.Rhythm;

namespace Lumen.Core.Tests.Canary;

public sealed class IntervalRecordParserTests
{
    private const string Issue = """{"ts":"2026-01-01T00:00:30Z","service":"checkout","track":"canary","requests":1200,"errors":3,"latency_le":{"0.005":10,"0.01":200,"0.025":900,"0.05":1150,"0.1":1195,"+Inf":1200}}""";

    [Fact]
    public void Parse_TheIssueExample_ReadsEveryField()
    {
        var parsed = IntervalRecordParser.Parse(Issue);
        Assert.True(parsed.IsOk, parsed.Error);
        var r = parsed.Record;
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 30, TimeSpan.Zero), r.Timestamp);
        Assert.Equal("checkout", r.Service);
        Assert.Equal(CanaryTrack.Canary, r.Track);
        Assert.Equal(1200, r.Requests);
        Assert.Equal(3, r.Errors);
        Assert.Equal(6, r.Buckets.Length);
        Assert.Equal(0.025, r.Buckets[2].UpperBoundSeconds);
        Assert.Equal(900, r.Buckets[2].CumulativeCount);
        Assert.Null(r.Phase);
    }

    [Fact]
    public void Parse_ExtraFieldsAndOptionalPhaseCoherence_AreAccepted()
    {
        var line = Issue.Replace("\"errors\":3,", "\"errors\":3,\"pod\":\"a-1\",\"phase\":\"trough\",\"coherence\":0.8,", StringComparison.Ordinal);
        var parsed = IntervalRecordParser.Parse(line);
        Assert.True(parsed.IsOk, parsed.Error);
        Assert.Equal(PhaseLabel.Trough, parsed.Record.Phase);
        Assert.Equal(0.8, parsed.Record.Coherence);
    }

    [Theory]
    [InlineData("\"0.05\":1150", "\"0.05\":800", "must be cumulative")]
    [InlineData("\"+Inf\":1200", "\"+Inf\":1201", "\"+Inf\" is 1201 but requests is 1200")]
    [InlineData("\"errors\":3", "\"errors\":1300", "errors: 1300 is more than requests (1200)")]
    [InlineData("\"errors\":3", "\"errors\":-1", "errors: must not be negative")]
    [InlineData("\"track\":\"canary\"", "\"track\":\"green\"", "track: expected baseline or canary")]
    [InlineData("2026-01-01T00:00:30Z", "2026-01-01 00:00:30", "ts: expected an RFC 3339 time")]
    [InlineData("2026-01-01T00:00:30Z", "2026-01-01T00:00:30", "ts: expected an RFC 3339 time")]
    [InlineData("\"requests\":1200", "\"requests\":1200.5", "requests: expected a whole number")]
    [InlineData(",\"+Inf\":1200", "", "the \"+Inf\" bucket is missing")]
    [InlineData("\"0.1\":1195", "\"abc\":1195", "bucket bound \"abc\" is not a number")]
    [InlineData("\"service\":\"checkout\",", "", "service: missing")]
    public void Parse_MalformedLine_SaysWhatIsWrong(string from, string to, string expected)
    {
        var parsed = IntervalRecordParser.Parse(Issue.Replace(from, to, StringComparison.Ordinal));
        Assert.False(parsed.IsOk);
        Assert.Contains(expected, parsed.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_IsAnError()
    {
        var parsed = IntervalRecordParser.Parse("{\"ts\":");
        Assert.False(parsed.IsOk);
        Assert.StartsWith("not valid JSON", parsed.Error, StringComparison.Ordinal);
    }
}

using Lumen.Adapters.Prometheus;

namespace Lumen.Adapters.Tests.Prometheus;

public sealed class PromResponseParserTests
{
    [Fact]
    public void Parse_Vector_KeepsLabelsTimestampAndValue()
    {
        var r = PromResponseParser.Parse("""
            {"status":"success","data":{"resultType":"vector","result":[{"metric":{"service":"checkout","track":"canary"},"value":[1767268800.25,"+Inf"]}]}}
            """);

        var series = Assert.Single(r.Data!.Series);
        Assert.Equal("canary", series.Label("track"));
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1767268800250), series.Samples[0].Timestamp);
        Assert.Equal(double.PositiveInfinity, series.Samples[0].Value);
        Assert.False(r.Data.IsDegraded);
    }

    [Fact]
    public void Parse_Matrix_ReadsEverySample()
    {
        var r = PromResponseParser.Parse("""
            {"status":"success","data":{"resultType":"matrix","result":[{"metric":{"service":"a","track":"baseline"},"values":[[1,"1"],[2,"NaN"],[3,"-Inf"]]}]}}
            """);

        Assert.Equal(PromResultType.Matrix, r.Data!.ResultType);
        Assert.Equal([1.0, double.NaN, double.NegativeInfinity], r.Data.Series[0].Samples.Select(s => s.Value));
    }

    [Fact]
    public void Parse_Scalar_IsOneUnlabelledSeries()
    {
        var r = PromResponseParser.Parse("""{"status":"success","data":{"resultType":"scalar","result":[5,"2"]}}""");

        Assert.Equal(2, Assert.Single(r.Data!.Series).Samples[0].Value);
    }

    [Fact]
    public void Parse_Warnings_AreKeptAndMarkDegraded()
    {
        var r = PromResponseParser.Parse("""{"status":"success","data":{"resultType":"vector","result":[]},"warnings":["partial"]}""");

        Assert.True(r.Data!.IsDegraded);
        Assert.Equal(["partial"], r.Data.Warnings.ToArray());
    }

    [Theory]
    [InlineData("""{"status":"error","errorType":"timeout","error":"query timed out"}""", "timeout: query timed out", true)]
    [InlineData("""{"status":"error","errorType":"bad_data","error":"parse error"}""", "bad_data: parse error", false)]
    public void Parse_StatusError_FailsWithTypeAndMessage(string body, string expected, bool transient)
    {
        var r = PromResponseParser.Parse(body);

        Assert.False(r.IsOk);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.Equal(transient, r.Transient);
    }

    [Theory]
    [InlineData("<html>500</html>", "not JSON")]
    [InlineData("[]", "expected a JSON object")]
    [InlineData("""{"data":{}}""", "no \"status\"")]
    [InlineData("""{"status":"success"}""", "no \"data\" object")]
    [InlineData("""{"status":"success","data":{"resultType":"vector"}}""", "no \"data.result\"")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,2,3]}]}}""", "[timestamp, \"value\"]")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":["x","1"]}]}}""", "timestamp must be a number")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"one"]}]}}""", "\"one\"")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"histogram":[1,{}]}]}}""", "native histogram")]
    [InlineData("""{"status":"success","data":{"resultType":"streams","result":[]}}""", "unknown resultType \"streams\"")]
    public void Parse_Malformed_FailsWithReasonNeverData(string body, string expected)
    {
        var r = PromResponseParser.Parse(body);

        Assert.Null(r.Data);
        Assert.Contains(expected, r.Error, StringComparison.Ordinal);
        Assert.False(r.Transient);
    }
}

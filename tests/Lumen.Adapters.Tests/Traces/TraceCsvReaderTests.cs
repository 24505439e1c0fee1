using Lumen.Adapters.Traces;

namespace Lumen.Adapters.Tests.Traces;

public sealed class TraceCsvReaderTests
{
    [Fact]
    public void Parse_NabStyle_ReadsWallClockAtOffsetZero()
    {
        var result = Parse("timestamp,value\r\n2014-07-01 00:00:00,10844\r\n2014-07-01 00:30:00,8127.5\r\n");

        Assert.True(result.IsOk);
        Assert.Equal(2, result.Samples.Length);
        Assert.Equal(new DateTimeOffset(2014, 7, 1, 0, 30, 0, TimeSpan.Zero), result.Samples[1].Timestamp);
        Assert.Equal(8127.5, result.Samples[1].Rps);
        Assert.True(double.IsNaN(result.Samples[0].P95Ms));
        Assert.True(double.IsNaN(result.Samples[0].ErrorRate));
    }

    [Theory]
    [InlineData("2014-07-01T02:00:00+02:00", 0, 2)]
    [InlineData("2014-07-01T00:00:00Z", 0, 0)]
    [InlineData("2014-07-01t00:00:00z", 0, 0)]
    [InlineData("2014-07-01T00:00:00.250Z", 250, 0)]
    [InlineData("2014-06-30 18:30:00-05:30", 0, -5.5)]
    public void Parse_Rfc3339_KeepsTheInstantAndOffset(string stamp, int milliseconds, double offsetHours)
    {
        var result = Parse($"timestamp,value\n{stamp},1\n");

        Assert.True(result.IsOk, result.Error?.ToString());
        var t = result.Samples[0].Timestamp;
        Assert.Equal(new DateTimeOffset(2014, 7, 1, 0, 0, 0, milliseconds, TimeSpan.Zero), t.ToUniversalTime());
        Assert.Equal(TimeSpan.FromHours(offsetHours), t.Offset);
    }

    [Fact]
    public void Parse_EmptyOrNaNValue_IsAGapAndBlankLinesAreSkipped()
    {
        var result = Parse("timestamp,value\n2014-07-01 00:00:00,\n\n2014-07-01 00:30:00,NaN\n2014-07-01 01:00:00,3\n");

        Assert.True(result.IsOk);
        Assert.Equal(3, result.Samples.Length);
        Assert.True(double.IsNaN(result.Samples[0].Rps));
        Assert.True(double.IsNaN(result.Samples[1].Rps));
        Assert.Equal(3, result.Samples[2].Rps);
    }

    [Theory]
    [InlineData("2014-07-01 00:00:00,-4", "the value -4 is negative")]
    [InlineData("2014-07-01 00:00:00,Infinity", "cannot read the value 'Infinity' as a finite number")]
    [InlineData("2014-07-01 00:00:00,1,2", "expected 2 fields (timestamp,value), found 3")]
    [InlineData("2014-13-01 00:00:00,1", "cannot read the timestamp '2014-13-01 00:00:00'")]
    public void Parse_BadLine_ErrorNamesTheLine(string line, string message)
    {
        var result = Parse($"timestamp,value\n2014-07-01 00:00:00,1\n\n{line}\n");

        Assert.False(result.IsOk);
        Assert.Equal(4, result.Error.Line);
        Assert.StartsWith($"trace.csv:4: {message}", result.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_QuotedHeaderAnyCase_Accepted()
    {
        Assert.True(Parse("\"Timestamp\",\"VALUE\"\n2014-07-01 00:00:00,1\n").IsOk);
    }

    [Fact]
    public void Read_MissingFile_ErrorWithoutLine()
    {
        string path = Path.Combine(Path.GetTempPath(), $"lumen-missing-{Guid.NewGuid():N}.csv");

        var result = TraceCsvReader.Read(path);

        Assert.False(result.IsOk);
        Assert.Null(result.Error.Line);
        Assert.Equal($"{path}: file not found", result.Error.ToString());
    }

    [Fact]
    public void Read_FileWithBom_ReadsHeader()
    {
        var dir = Directory.CreateTempSubdirectory("lumen-trace-");
        try
        {
            string path = Path.Combine(dir.FullName, "bom.csv");
            File.WriteAllText(path, "timestamp,value\n2014-07-01 00:00:00,1\n", new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

            Assert.True(TraceCsvReader.Read(path).IsOk);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static TraceReadResult Parse(string text)
    {
        using var reader = new StringReader(text);
        return TraceCsvReader.Parse(reader, "trace.csv");
    }
}

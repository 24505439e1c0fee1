using System.Text.Json;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

public sealed class MapCommandTests : IDisposable
{
    private static readonly string Nyc = Path.Combine(AppContext.BaseDirectory, "TestData", "traces", "nyc_taxi.csv");
    private static readonly string Elb = Path.Combine(AppContext.BaseDirectory, "TestData", "traces", "elb_request_count_8c0756.csv");

    private readonly string _dir = Directory.CreateTempSubdirectory("lumen-map-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Map_NycTable_PrintsSummaryAndEveryPoint()
    {
        var (code, output) = Run("map", "--trace", Nyc);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("peak_time_of_day    17:12:41 (UTC+00:00)", output, StringComparison.Ordinal);
        Assert.Contains("trough_time_of_day  05:12:41", output, StringComparison.Ordinal);
        Assert.Contains("period              24h", output, StringComparison.Ordinal);
        Assert.Contains("rhythm_strength     0.446", output, StringComparison.Ordinal);
        Assert.Contains("amplitude_rps       6552.579", output, StringComparison.Ordinal);
        Assert.Contains("2014-07-01T17:00:00+00:00        17203   0.729  6.228  peak", output, StringComparison.Ordinal);
        Assert.Equal(10_320, output.Split('\n').Count(l => l.StartsWith("201", StringComparison.Ordinal)));
    }

    [Fact]
    public void Map_NycCsv_OneRowPerPointWithLabels()
    {
        var (code, output) = Run("map", "--trace", Nyc, "--format", "csv");

        Assert.Equal(ExitCodes.Ok, code);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.StartsWith("# trace: ", lines[0], StringComparison.Ordinal);
        var header = lines.IndexOf("timestamp,rps,load,phase,phase_label");
        Assert.True(header > 0);
        var rows = lines.Skip(header + 1).ToList();
        Assert.Equal(10_320, rows.Count);
        Assert.Equal("2014-07-01T00:00:00+00:00,10844,0.459589,1.77722,falling", rows[0]);
        Assert.EndsWith(",peak", rows.Single(r => r.StartsWith("2014-07-02T17:30:00", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith(",trough", rows.Single(r => r.StartsWith("2014-07-02T05:00:00", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.EndsWith(",rising", rows.Single(r => r.StartsWith("2014-07-02T11:00:00", StringComparison.Ordinal)), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ElbJson_WeakRhythmHasNullPhases()
    {
        var (code, output) = Run("map", "--trace", Elb, "--format", "json");

        Assert.Equal(ExitCodes.Ok, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(86400, root.GetProperty("period_seconds").GetDouble());
        Assert.False(root.GetProperty("phase_known").GetBoolean());
        Assert.InRange(root.GetProperty("rhythm_strength").GetDouble(), 0.04, 0.09);
        Assert.Equal("18:38:51", root.GetProperty("peak_time_of_day").GetString());
        var points = root.GetProperty("points");
        Assert.Equal(4032, points.GetArrayLength());
        Assert.Equal(JsonValueKind.Null, points[0].GetProperty("phase").ValueKind);
        Assert.Equal("unknown", points[0].GetProperty("phase_label").GetString());
        Assert.Equal("2014-04-10T00:04:00+00:00", points[0].GetProperty("timestamp").GetString());
    }

    [Fact]
    public void Map_WeeklyPeriod_ReportsPeakWithinPeriod()
    {
        var (code, output) = Run("map", "--trace", Nyc, "--period", "7d", "--format", "json");

        Assert.Equal(ExitCodes.Ok, code);
        using var doc = JsonDocument.Parse(output);
        Assert.Equal(604800, doc.RootElement.GetProperty("period_seconds").GetDouble());
        Assert.Equal("7d", doc.RootElement.GetProperty("period").GetString());
        Assert.True(doc.RootElement.TryGetProperty("peak_within_period", out _));
    }

    [Fact]
    public void Map_UnparsableTimestamp_NamesFileAndLineAndExits2()
    {
        string file = Write("bad.csv", "timestamp,value\n2014-07-01 00:00:00,1\n2014-07-01 00:30:00,2\nyesterday,3\n");

        var (code, output) = Run("map", "--trace", file);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{file}:4: cannot read the timestamp 'yesterday'", Flat(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_UnparsableNumber_NamesFileAndLineAndExits2()
    {
        string file = Write("bad.csv", "timestamp,value\n2014-07-01 00:00:00,1\n2014-07-01 00:30:00,lots\n");

        var (code, output) = Run("map", "--trace", file);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{file}:3: cannot read the value 'lots'", Flat(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_BadHeader_Line1AndExits2()
    {
        string file = Write("bad.csv", "time,rps\n2014-07-01 00:00:00,1\n");

        var (code, output) = Run("map", "--trace", file);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{file}:1: expected the header 'timestamp,value'", Flat(output), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("timestamp,value\n", "has a header but no data lines")]
    public void Map_EmptyFile_Exits2(string content, string message)
    {
        string file = Write("empty.csv", content);

        var (code, output) = Run("map", "--trace", file);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(message, Flat(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_MissingFile_Exits2()
    {
        string file = Path.Combine(_dir, "nope.csv");

        var (code, output) = Run("map", "--trace", file);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{file}: file not found", Flat(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_TooShortTrace_NotEnoughHistoryExits2()
    {
        string file = Write("short.csv", "timestamp,value\n2014-07-01 00:00:00,1\n2014-07-01 00:30:00,2\n");

        var (code, output) = Run("map", "--trace", file);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("not enough history", Flat(output), StringComparison.Ordinal);
        Assert.Contains("only 2 point(s)", Flat(output), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--period", "24x", "--period '24x'")]
    [InlineData("--format", "xml", "--format 'xml' is unknown")]
    public void Map_BadOption_Exits2(string option, string value, string message)
    {
        var (code, output) = Run("map", "--trace", Nyc, option, value);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(message, Flat(output), StringComparison.Ordinal);
    }

    [Fact]
    public void Map_NoTrace_Exits2()
    {
        var (code, output) = Run("map");

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--trace FILE is required", Flat(output), StringComparison.Ordinal);
    }

    private static (int Code, string Output) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 200;
        int code = LumenApp.Run(args, console);
        return (code, console.Output);
    }

    // Error lines may wrap at the console width; compare them unwrapped.
    private static string Flat(string output) => output.Replace("\r", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal);

    private string Write(string name, string content)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }
}

using Lumen.Simulator.Environments;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Tests.Traces;

/// <summary>A trace load naming a CSV file of the user's traffic.</summary>
public sealed class TraceFileTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("lumen-trace-");

    public void Dispose() => _directory.Delete(recursive: true);

    private static string Environment(string load) => $"""
        version: 1
        name: mine
        slo: {"{"} latency_p95_ms: 250, error_rate: 0.01 {"}"}
        services:
          - name: checkout
            knobs:
              - {"{"} name: concurrency_limit, min: 4, max: 256, default: 32, step: 4 {"}"}
            load: {load}
        """;

    private EnvironmentLoadResult Load(string yaml, string csv, string csvName = "traffic.csv", string subdirectory = "")
    {
        var directory = Path.Combine(_directory.FullName, subdirectory);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(_directory.FullName, csvName), csv);
        var path = Path.Combine(directory, "env.yaml");
        File.WriteAllText(path, yaml);
        return TestEnvironments.Loader.LoadFile(path);
    }

    [Fact]
    public void LoadFile_CsvRelativeToTheEnvironment_ReplaysItScaledToPeak()
    {
        const string Csv = "timestamp,value\n2026-01-01T00:00:00Z,10\n2026-01-01T01:00:00Z,40\n2026-01-01T02:00:00Z,20\n";

        var result = Load(Environment("{ kind: trace, file: ../traffic.csv, peak_rps: 800 }"), Csv, subdirectory: "envs");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var load = Assert.IsType<TraceLoadSpec>(result.Environment.Services[0].Load);
        Assert.Equal(Path.Combine(_directory.FullName, "traffic.csv"), load.FilePath);
        Assert.Equal("traffic.csv", load.Trace);

        // The first sample plays at the start; the maximum (40) is scaled to 800 rps; linear in between.
        var world = new SimulatedWorld(result.Environment, 1);
        world.AdvanceTo(world.Now.AddMinutes(60));
        Assert.Equal(200 + 600 * (3600 - 15) / 3600.0, world.LoadRps("checkout"), 6);
    }

    [Fact]
    public void LoadFile_CsvWithoutHeaderInUnixSeconds_IsRead()
    {
        var result = Load(Environment("{ kind: trace, file: traffic.csv, peak_rps: 100 }"), "0,1\n600,2\n1200,4\n");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var world = new SimulatedWorld(result.Environment, 1);
        world.Advance(20);
        Assert.Equal(25 + 25 * 585 / 600.0, world.LoadRps("checkout"), 6);
    }

    [Fact]
    public void LoadFile_BadLine_IsAnErrorWithTheCsvLine()
    {
        const string Csv = "timestamp,value\n2026-01-01T00:00:00Z,10\n2026-01-01T00:30:00Z,lots\n2026-01-01T00:45:00Z\n2025-12-31T23:00:00Z,5\n";

        var result = Load(Environment("{ kind: trace, file: traffic.csv, peak_rps: 800 }"), Csv);

        Assert.False(result.IsValid);
        var csv = Path.Combine(_directory.FullName, "traffic.csv");
        Assert.Contains(result.Errors, e => e.Source == csv && e.Line == 3 && e.Message.Contains("expected a non-negative number, got 'lots'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Source == csv && e.Line == 4 && e.Message.Contains("expected 'timestamp,value'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Source == csv && e.Line == 5 && e.Message.Contains("not after the previous sample", StringComparison.Ordinal));
        Assert.StartsWith($"{csv}:3:", result.Errors.First(e => e.Line == 3).ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_MissingCsv_IsAnErrorAtTheFileKey()
    {
        var result = Load(Environment("{ kind: trace, file: nowhere.csv, peak_rps: 800 }"), "0,1\n1,2\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal(8, error.Line);
        Assert.Contains("file: no such file 'nowhere.csv'", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("env.yaml", error.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_TraceAndFileTogether_IsAnError()
    {
        var result = Load(Environment("{ kind: trace, trace: nyc_taxi, file: traffic.csv, peak_rps: 800 }"), "0,1\n1,2\n");

        Assert.Contains(result.Errors, e => e.Message.Contains("either 'trace'", StringComparison.Ordinal));
    }

    [Fact]
    public void LoadFile_OneSample_IsAnError()
    {
        var result = Load(Environment("{ kind: trace, file: traffic.csv, peak_rps: 800 }"), "timestamp,value\n0,5\n");

        Assert.Contains(result.Errors, e => e.Message.Contains("at least two samples", StringComparison.Ordinal));
    }
}

using Lumen.Core.Canary;
using Lumen.Core.Policy;
using Lumen.Simulator.Environments;
using Lumen.Simulator.World;

namespace Lumen.Simulator.Tests.Environments;

public sealed class EnvironmentLoaderTests
{
    private static EnvironmentLoadResult Fixture(string name) =>
        TestEnvironments.Loader.LoadFile(Path.Combine(AppContext.BaseDirectory, "TestData", "envs", name));

    private static void AssertError(EnvironmentLoadResult result, int line, int column, string fragment)
    {
        Assert.False(result.IsValid);
        Assert.True(
            result.Errors.Any(e => e.Line == line && e.Column == column && e.Message.Contains(fragment, StringComparison.Ordinal)),
            $"no error at {line}:{column} containing '{fragment}'; got:{Environment.NewLine}{string.Join(Environment.NewLine, result.Errors)}");
    }

    [Theory]
    [InlineData("steady")]
    [InlineData("nyc-taxi")]
    [InlineData("bursty")]
    [InlineData("bad-release")]
    public void LoadEmbedded_ShippedEnvironment_IsValidWithTwoServices(string name)
    {
        var result = TestEnvironments.Loader.LoadEmbedded(name);

        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        Assert.Equal(name, result.Environment.Name);
        Assert.Equal(["checkout", "search"], result.Environment.Services.Select(s => s.Name));
        Assert.Equal(30, result.Environment.TickSeconds);
    }

    [Fact]
    public void LoadEmbedded_Checkout_MatchesTheServicesConfigKnobs()
    {
        var checkout = TestEnvironments.Steady.Services[0];

        Assert.Equal(
            [
                new KnobSpec("concurrency_limit", 4, 256, 32, 4, Integer: true, SettleSeconds: 60, 0.0005),
                new KnobSpec("cache_size_mb", 64, 4096, 512, 64, Integer: true, SettleSeconds: 120, 0.00005),
                new KnobSpec("timeout_ms", 100, 5000, 1500, 100, Integer: true, SettleSeconds: 60, 0.0001),
            ],
            checkout.Knobs.ToArray());
    }

    [Fact]
    public void LoadEmbedded_CacheWarmup_SetsTheCacheKnobsSettleTime()
    {
        var cliffs = TestEnvironments.Load("cliffs");

        // cache_warmup_seconds 600 and 900 in sim/envs/cliffs.yaml; the other knobs settle in 60 s.
        Assert.Equal([600, 900], cliffs.Services.Where(s => s.Model.CacheWarmupSeconds > 0).Select(s => s.Knobs.Single(k => k.Name == "cache_size_mb").SettleSeconds));
        Assert.All(cliffs.Services.SelectMany(s => s.Knobs).Where(k => k.Name != "cache_size_mb"), k => Assert.Equal(60, k.SettleSeconds));
    }

    [Fact]
    public void Load_ShippedEnvironments_HaveSpecialFeatures()
    {
        Assert.IsType<TraceLoadSpec>(TestEnvironments.Load("nyc-taxi").Services[0].Load);
        Assert.True(TestEnvironments.Load("bursty").Services.All(s => s.Load.Bursts.PerDay > 0));
        var regression = Assert.Single(TestEnvironments.Load("bad-release").Regressions);
        Assert.Equal(new RegressionSpec("checkout", CanaryTrack.Canary, TimeSpan.FromHours(36), 1.6, 0.02), regression);
    }

    [Fact]
    public void Load_AnyPath_ReadsTheFileAndNamesItAsSource()
    {
        var directory = Directory.CreateTempSubdirectory("lumen-sim-");
        try
        {
            var path = Path.Combine(directory.FullName, "mine.yaml");
            using (var stream = typeof(EnvironmentLoader).Assembly.GetManifestResourceStream("Lumen.Simulator.Envs.steady.yaml")!)
            using (var file = File.Create(path))
            {
                stream.CopyTo(file);
            }

            var result = TestEnvironments.Loader.Load(path);

            Assert.True(result.IsValid);
            Assert.Equal(path, result.Environment.Source);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Load_UnknownName_ListsTheShippedOnes()
    {
        var result = TestEnvironments.Loader.Load("no-such-env");

        Assert.False(result.IsValid);
        Assert.Contains("steady", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_UnknownKeys_AreErrorsWithTheirPosition()
    {
        var result = Fixture("unknown-key.yaml");

        AssertError(result, 3, 1, "unknown key 'tick_secs'");
        AssertError(result, 9, 56, "unknown key 'colour'");
        Assert.EndsWith("unknown-key.yaml", result.Errors[0].Source, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_WrongTypes_AreErrorsWithTheirPosition()
    {
        var result = Fixture("wrong-type.yaml");

        AssertError(result, 3, 15, "tick_seconds: expected an integer");
        AssertError(result, 5, 19, "latency_p95_ms: expected a number");
        AssertError(result, 12, 14, "regressions: expected a list");
    }

    [Fact]
    public void LoadFile_OutOfRangeValues_AreErrorsWithTheirPosition()
    {
        var result = Fixture("out-of-range.yaml");

        AssertError(result, 5, 15, "error_rate: 2 is out of range");
        AssertError(result, 8, 28, "baseline: 0 is out of range");
        AssertError(result, 13, 18, "default 512 is outside [4, 256]");
        AssertError(result, 15, 36, "base_rps 900 is above peak_rps 500");
        AssertError(result, 15, 67, "peak_hour: 25 is out of range");
    }

    [Fact]
    public void LoadFile_BadSyntax_IsOneErrorWithItsPosition()
    {
        var result = Fixture("bad-syntax.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(5, error.Line);
        Assert.NotEmpty(error.Message);
    }

    [Fact]
    public void LoadFile_UnknownNames_AreErrorsThatListTheKnownOnes()
    {
        var result = Fixture("unknown-names.yaml");

        AssertError(result, 7, 17, "the model has no knob 'threads'");
        AssertError(result, 8, 33, "unknown trace 'london_buses' (known: nyc_taxi)");
        AssertError(result, 9, 5, "duplicate service 'checkout'");
        AssertError(result, 12, 19, "unknown kind 'weekly'");
        AssertError(result, 14, 16, "unknown service 'payments'");
        AssertError(result, 14, 33, "unknown track 'shadow'");
        AssertError(result, 14, 45, "expected a duration");
    }

    [Fact]
    public void LoadFile_MissingKeys_AreErrors()
    {
        var result = Fixture("missing-keys.yaml");

        AssertError(result, 1, 1, "missing required key 'version'");
        AssertError(result, 1, 1, "missing required key 'slo'");
        AssertError(result, 3, 5, "missing required key 'knobs'");
        AssertError(result, 3, 5, "missing required key 'load'");
    }

    [Fact]
    public void LoadEmbedded_Cliffs_SetsEveryCliff()
    {
        var cliffs = TestEnvironments.Load("cliffs");

        Assert.Contains("cliffs", EnvironmentLoader.EmbeddedNames);
        Assert.Equal(["catalog", "payments", "search"], cliffs.Services.Select(s => s.Name));
        var catalog = cliffs.Services[0].Model;
        Assert.Equal(3072, catalog.MemoryLimitMb);
        Assert.Equal(24, catalog.WorkerMemoryMb);
        Assert.Equal(45, catalog.RestartSeconds);
        var payments = cliffs.Services[1].Model;
        Assert.Equal(2, payments.ClientRetries);
        Assert.Equal(0.3, payments.StormGoodput);
        Assert.Equal(0.8, payments.KneeUtilization);
        Assert.Equal(900, cliffs.Services[2].Model.CacheWarmupSeconds);
    }

    [Fact]
    public void LoadEmbedded_SchemaOneWithoutCliffKeys_KeepsTheCliffsOut()
    {
        var model = TestEnvironments.Steady.Services[0].Model;

        Assert.False(model.HasMemoryLimit);
        Assert.Equal(0, model.CacheWarmupSeconds);
        Assert.Equal(0, model.ClientRetries);
        Assert.Equal(0, model.IdleContention);
        Assert.Equal(0.98, model.KneeUtilization);
    }

    [Fact]
    public void Parse_CliffKeys_AreValidatedWithTheirPosition()
    {
        const string Yaml = """
            version: 1
            name: bad-cliffs
            slo: { latency_p95_ms: 250, error_rate: 0.01 }
            services:
              - name: a
                model: { knee_utilization: 0.99, client_retries: 11, memory_limit_mb: 0 }
                knobs: [{ name: concurrency_limit, min: 4, max: 256, default: 32, step: 4 }]
                load: { kind: daily, base_rps: 1, peak_rps: 2 }
              - name: b
                model: { worker_memory_mb: 16, storm_goodput: 0.5 }
                knobs: [{ name: concurrency_limit, min: 4, max: 256, default: 32, step: 4 }]
                load: { kind: daily, base_rps: 1, peak_rps: 2 }
            """;

        var result = TestEnvironments.Loader.Parse(Yaml, "bad-cliffs.yaml");

        AssertError(result, 6, 32, "knee_utilization: 0.99 is out of range [0.3, 0.98]");
        AssertError(result, 6, 54, "client_retries: 11 is out of range [0, 10]");
        AssertError(result, 6, 75, "memory_limit_mb: 0 is out of range");
        AssertError(result, 10, 32, "worker_memory_mb: has no effect without memory_limit_mb");
        AssertError(result, 10, 51, "storm_goodput: has no effect without client_retries");
    }
}

using System.Text.Json;
using Lumen.Core.Policy;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Bench;

[Trait("Speed", "Slow")] // runs the tuner bench
public sealed class BenchTunerCommandTests
{
    [Fact]
    public void Json_TinyRun_HasTheDocumentedKeys()
    {
        var (code, output) = Run("bench", "tuner", "--days", "0.75", "--seeds", "1", "--policy", "static", "--env", "steady", "--json");

        Assert.Equal(ExitCodes.Ok, code);
        using var doc = JsonDocument.Parse(output);
        var anchor = Assert.Single(doc.RootElement.GetProperty("anchors").EnumerateArray());
        Assert.Equal("steady", anchor.GetProperty("environment").GetString());
        var @static = anchor.GetProperty("static").GetDouble();
        var bestFixed = anchor.GetProperty("best_fixed").GetDouble();
        Assert.True(bestFixed >= @static && anchor.GetProperty("hourly_schedule").GetDouble() >= bestFixed);
        var config = anchor.GetProperty("best_fixed_config");
        Assert.Equal(["checkout", "search"], config.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["concurrency_limit", "cache_size_mb", "timeout_ms"], config.GetProperty("checkout").EnumerateObject().Select(p => p.Name));
        Assert.True(config.GetProperty("search").GetProperty("cache_size_mb").GetDouble() >= 128);

        var result = Assert.Single(doc.RootElement.GetProperty("results").EnumerateArray());
        Assert.Equal("steady", result.GetProperty("environment").GetString());
        Assert.Equal("static", result.GetProperty("policy").GetString());
        foreach (var key in new[] { "reward", "gap_closed", "hours_at_least_0_95_static", "slo_margin", "slo_violation_minutes" })
        {
            Assert.Equal(JsonValueKind.Number, result.GetProperty(key).ValueKind);
        }

        Assert.Equal(JsonValueKind.Array, result.GetProperty("learning_curve").ValueKind);
        Assert.Equal(0, result.GetProperty("paired_diff_vs_static").GetDouble());
        Assert.Equal(JsonValueKind.Null, result.GetProperty("paired_diff_vs_static_stderr").ValueKind); // one seed: no standard error
        Assert.Equal(JsonValueKind.Null, result.GetProperty("regret_vs_oracle").ValueKind); // the oracle did not run
    }

    [Fact]
    public void Table_TinyRun_ShowsAnchorsAndLinUcbV1()
    {
        var (code, output) = Run("bench", "tuner", "--days", "0.05", "--seeds", "1", "--policy", "linucb", "--env", "steady");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("best_fixed", output, StringComparison.Ordinal);
        Assert.Contains("checkout: concurrency_limit=", output, StringComparison.Ordinal);
        Assert.Contains("linucb-v1", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--days", "8")]
    [InlineData("--days", "0")]
    [InlineData("--seeds", "0")]
    [InlineData("--policy", "thompson")]
    [InlineData("--env", "no-such-environment")]
    public void BadArgument_Exit2(string option, string value)
    {
        var (code, output) = Run("bench", "tuner", "--env", "steady", option, value);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error:", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 500;
        var code = LumenApp.Run(args, console, new DictionaryEnvironmentVariables(new Dictionary<string, string>()));
        return (code, console.Output);
    }
}

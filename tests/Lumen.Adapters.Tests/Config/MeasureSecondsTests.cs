using Lumen.Adapters.Config;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Tests.Config;

/// <summary><c>measure_seconds</c> per knob in services.yaml: optional (300), a whole number of at least 30.</summary>
public sealed class MeasureSecondsTests
{
    /// <summary>Adds <c>measure_seconds: VALUE</c> after the first knob's <c>settle_seconds</c>.</summary>
    private static ConfigLoadResult LoadWith(string value)
    {
        using var dir = ConfigFixtures.ValidCopy();
        var path = dir.File(ConfigFiles.Services);
        var lines = File.ReadAllLines(path).ToList();
        var at = lines.FindIndex(l => l.TrimStart().StartsWith("settle_seconds:", StringComparison.Ordinal));
        lines.Insert(at + 1, new string(' ', lines[at].Length - lines[at].TrimStart().Length) + "measure_seconds: " + value);
        File.WriteAllLines(path, lines);
        return ConfigLoader.Load(dir.Path);
    }

    [Fact]
    public void Load_NoMeasureSeconds_IsTheDefault()
    {
        var config = ConfigLoader.Load(ConfigFixtures.ValidDir).Config!;

        Assert.All(config.Services.Services.SelectMany(s => s.Knobs), k => Assert.Equal(KnobSpec.DefaultMeasureSeconds, k.MeasureSeconds));
    }

    [Fact]
    public void Load_MeasureSeconds_IsTheKnobsMeasurementPeriod()
    {
        var result = LoadWith("600");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(TimeSpan.FromMinutes(10), result.Config!.Services.Services[0].Knobs[0].Measure);
    }

    [Theory]
    [InlineData("10", "30")]
    [InlineData("soon", "a whole number of seconds")]
    public void Load_BadMeasureSeconds_IsAnErrorNamingTheKey(string value, string message)
    {
        var result = LoadWith(value);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.EndsWith(".measure_seconds", error.Path, StringComparison.Ordinal);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
    }
}

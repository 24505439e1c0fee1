using Lumen.Adapters.Config;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Tests.Config;

/// <summary><c>rhythm_period</c> in services.yaml: optional, a Prometheus duration of at least 1 h.</summary>
public sealed class RhythmPeriodTests
{
    private static ConfigLoadResult LoadWith(string value)
    {
        using var dir = ConfigFixtures.ValidCopy();
        var path = dir.File(ConfigFiles.Services);
        var lines = File.ReadAllLines(path).ToList();
        var at = lines.FindIndex(l => l.TrimStart().StartsWith("- name:", StringComparison.Ordinal));
        lines.Insert(at + 1, new string(' ', lines[at].IndexOf('-', StringComparison.Ordinal) + 2) + "rhythm_period: " + value);
        File.WriteAllLines(path, lines);
        return ConfigLoader.Load(dir.Path);
    }

    [Fact]
    public void Load_NoRhythmPeriod_IsNull()
    {
        var config = ConfigLoader.Load(ConfigFixtures.ValidDir).Config!;

        Assert.All(config.Services.Services, s => Assert.Null(s.RhythmPeriod));
    }

    [Fact]
    public void Load_SevenDays_IsTheServicesPeriod()
    {
        var result = LoadWith("7d");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(TimeSpan.FromDays(7), result.Config!.Services.Services[0].RhythmPeriod!.Value.Value);
    }

    [Theory]
    [InlineData("30m", "at least 1h")]
    [InlineData("daily", "expected a Prometheus duration")]
    public void Load_BadRhythmPeriod_IsAnErrorNamingTheKey(string value, string message)
    {
        var result = LoadWith(value);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("services[0].rhythm_period", error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.True(error.Line > 0);
    }
}

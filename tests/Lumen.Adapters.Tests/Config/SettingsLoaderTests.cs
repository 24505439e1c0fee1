using Lumen.Adapters.Config;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Tests.Config;

public sealed class SettingsLoaderTests
{
    private static DictionaryEnvironmentVariables Env(params (string Name, string Value)[] vars) =>
        new(vars.ToDictionary(v => v.Name, v => v.Value));

    [Fact]
    public void Load_NoVariables_UsesTheFileAndDefaultDirs()
    {
        var result = SettingsLoader.Load(Env(), ConfigFixtures.ValidDir, "prod");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var s = result.Settings!;
        Assert.Equal("./state", s.Env.StateDir);
        Assert.Equal(ConfigFixtures.ValidDir, s.ConfigDir);
        Assert.Equal(s.Config.StageMatrix.Find("prod"), s.Stage);
        Assert.Equal("prod", s.Canary!.Stage);
        Assert.Null(s.Env.SafeApply);
    }

    [Fact]
    public void Load_Overrides_AreAppliedToTheStage()
    {
        var env = Env(
            ("LUMEN_PROMETHEUS_URL", "https://prom.internal:9443/"),
            ("REWARD_MIX_LAMBDA", "0.75"),
            ("DRY_RUN", "0"),
            ("APPROVAL_REQUIRED", "false"),
            ("SAFE_APPLY", "TRUE"),
            ("LUMEN_STATE_DIR", "/var/lib/lumen"));

        var result = SettingsLoader.Load(env, ConfigFixtures.ValidDir, "prod");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var s = result.Settings!;
        Assert.Equal(new Uri("https://prom.internal:9443/"), s.Stage!.Endpoints.Prometheus);
        Assert.Equal(0.75, s.Stage.Policy.RewardMixLambda);
        Assert.False(s.Stage.Policy.DryRun);
        Assert.False(s.Stage.Policy.ApprovalRequired);
        Assert.True(s.Env.SafeApply);
        Assert.Equal("/var/lib/lumen", s.Env.StateDir);
        Assert.Equal(0.3, s.Config.StageMatrix.Find("prod")!.Policy.RewardMixLambda);
    }

    [Fact]
    public void Load_StageAndConfigDirFromEnvironment_AreUsedWhenNoOptionIsGiven()
    {
        var env = Env(("LUMEN_CONFIG_DIR", ConfigFixtures.ValidDir), ("LUMEN_STAGE", "staging"));

        var result = SettingsLoader.Load(env, null, null);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("staging", result.Settings!.Stage!.Name);
        Assert.Equal(ConfigFixtures.ValidDir, result.Settings.ConfigDir);
    }

    [Fact]
    public void Load_OptionsWinOverEnvironment()
    {
        var env = Env(("LUMEN_CONFIG_DIR", "/nonexistent/lumen"), ("LUMEN_STAGE", "staging"));

        var result = SettingsLoader.Load(env, ConfigFixtures.ValidDir, "dev");

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal("dev", result.Settings!.Stage!.Name);
    }

    [Theory]
    [InlineData("LUMEN_PROMETHEUS_URL", "prometheus:9090", "expected an absolute http(s) URL, found \"prometheus:9090\"")]
    [InlineData("LUMEN_PROMETHEUS_URL", "ftp://prom/", "expected an absolute http(s) URL")]
    [InlineData("REWARD_MIX_LAMBDA", "1.5", "expected a number in [0, 1], found \"1.5\"")]
    [InlineData("REWARD_MIX_LAMBDA", "0,3", "expected a number in [0, 1], found \"0,3\"")]
    [InlineData("DRY_RUN", "yes", "expected one of 0, 1, true, false, found \"yes\"")]
    [InlineData("SAFE_APPLY", "2", "expected one of 0, 1, true, false")]
    [InlineData("APPROVAL_REQUIRED", "on", "expected one of 0, 1, true, false")]
    [InlineData("LUMEN_STAGE", "prod/../x", "expected a stage name")]
    public void Load_InvalidVariable_IsAnErrorNamingTheVariable(string name, string value, string message)
    {
        var result = SettingsLoader.Load(Env((name, value)), ConfigFixtures.ValidDir, null);

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal("env", error.File);
        Assert.Equal(name, error.Path);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownStage_NamesTheKnownStagesAndWhereTheNameCameFrom()
    {
        var result = SettingsLoader.Load(Env(("LUMEN_STAGE", "qa")), ConfigFixtures.ValidDir, null);

        var error = Assert.Single(result.Errors);
        Assert.EndsWith(ConfigFiles.StageMatrix, error.File, StringComparison.Ordinal);
        Assert.Contains("(known: dev, staging, prod)", error.Message, StringComparison.Ordinal);
        Assert.Contains("LUMEN_STAGE=qa", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StageWithoutCanaryPolicy_IsAnError()
    {
        using var dir = ConfigFixtures.ValidCopy();
        var text = File.ReadAllText(dir.File(ConfigFiles.CanaryPolicy));
        File.WriteAllText(dir.File(ConfigFiles.CanaryPolicy), text[..text.IndexOf("  prod:", StringComparison.Ordinal)]);

        var result = SettingsLoader.Load(Env(), dir.Path, "prod");

        var error = Assert.Single(result.Errors);
        Assert.Contains("expected a canary policy for stage \"prod\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EnvAndFileErrors_AreReportedTogether()
    {
        using var dir = ConfigFixtures.BrokenCopy("negative-ttl");

        var result = SettingsLoader.Load(Env(("DRY_RUN", "maybe")), dir.Path, null);

        Assert.Equal(["DRY_RUN", "stages.prod.policy.ttl_minutes"], result.Errors.Select(e => e.Path));
    }

    [Fact]
    public void Load_EmptyVariable_CountsAsNotSet()
    {
        var result = SettingsLoader.Load(Env(("DRY_RUN", ""), ("LUMEN_STAGE", "")), ConfigFixtures.ValidDir, null);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Null(result.Settings!.Stage);
        Assert.Null(result.Settings.Env.DryRun);
    }
}

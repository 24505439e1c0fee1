using Lumen.Adapters.Config;
using Lumen.Cli.Live;
using Lumen.Core.Policy;

namespace Lumen.Cli.Tests.Live;

public sealed class LiveDemoSetupTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("lumen-live-setup-");

    [Fact]
    public void FindOnPath_ExecutableInSecondDir_FoundAndNonExecutableSkipped()
    {
        if (OperatingSystem.IsWindows())
        {
            Assert.Fail("file modes need a Unix");
            return;
        }

        var a = _dir.CreateSubdirectory("a").FullName;
        var b = _dir.CreateSubdirectory("b").FullName;
        File.WriteAllText(Path.Combine(a, "prometheus"), "not executable");
        var binary = Path.Combine(b, "prometheus");
        File.WriteAllText(binary, "#!/bin/sh\n");
        File.SetUnixFileMode(binary, UnixFileMode.UserRead | UnixFileMode.UserExecute);

        Assert.Equal(binary, Executables.FindOnPath("prometheus", $"{a}{Path.PathSeparator}{b}"));
        Assert.Null(Executables.FindOnPath("prometheus", a));
        Assert.Null(Executables.FindOnPath("prometheus", null));
    }

    [Fact]
    public void ScrapeConfig_TwoInstances_OneSecondIntervalBothTargets()
    {
        var yaml = LiveStack.ScrapeConfig(new Uri("http://127.0.0.1:4001/"), new Uri("http://127.0.0.1:4002/"));

        Assert.Contains("scrape_interval: 1s", yaml, StringComparison.Ordinal);
        Assert.Contains("targets: ['127.0.0.1:4001', '127.0.0.1:4002']", yaml, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_GeneratedConfig_IsValidActingWithHttpExecutorsAndTokenFromEnv()
    {
        var configDir = Path.Combine(_dir.FullName, "config");
        LiveDemoConfig.Write(configDir, new Uri("http://127.0.0.1:9999/"), new Uri("http://127.0.0.1:4001/"), new Uri("http://127.0.0.1:4002/"),
            intervalSeconds: 3, ttlMinutes: 1, cooldownMinutes: 0, window: "20s");
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { [LiveDemoConfig.TokenEnv] = "t" });

        var loaded = SettingsLoader.Load(env, configDir, LiveDemoConfig.Stage);

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var settings = loaded.Settings!;
        Assert.False(settings.Stage!.Policy.DryRun);
        Assert.Equal(3, settings.Stage.Policy.IntervalSeconds);
        var service = Assert.Single(settings.Config.Services.Services);
        var canary = Assert.IsType<HttpExecutorSpec>(service.Executors.Canary);
        Assert.Equal(new Uri("http://127.0.0.1:4002/admin/config"), canary.Url);
        Assert.Equal(LiveDemoConfig.TokenEnv, canary.TokenEnv);
        Assert.Equal(["concurrency_limit", "cache_size_mb", "timeout_ms"], service.Knobs.Select(k => k.Name));
    }

    [Fact]
    public void Rhythm_FourMinuteRun_PeriodIsTheRunAndValid()
    {
        var rhythm = LiveDemo.Rhythm(TimeSpan.FromMinutes(4));

        Assert.Equal(TimeSpan.FromMinutes(4), rhythm.Period);
        Assert.Empty(rhythm.Validate());
    }

    public void Dispose() => _dir.Delete(recursive: true);
}

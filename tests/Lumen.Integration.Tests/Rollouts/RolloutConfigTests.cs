using Lumen.Adapters.Config;
using Lumen.Cli.Hosting;
using Lumen.Core.Policy;
using Lumen.Web.Rollouts;

namespace Lumen.Integration.Tests.Rollouts;

/// <summary>The <c>rollout:</c> mapping of services.yaml: the shipped examples load, bad mappings are clear errors before anything starts.</summary>
public sealed class RolloutConfigTests
{
    private static readonly Uri Closed = new("http://127.0.0.1:9/");

    [Theory]
    [InlineData("flagger", "test/podinfo", RolloutTool.Flagger, "podinfo")]
    [InlineData("flagger", "test/frontend", RolloutTool.Flagger, "frontend")]
    [InlineData("flagger", "test/web", RolloutTool.Flagger, "web")]
    [InlineData("argo", "shop/checkout", RolloutTool.Argo, "checkout")]
    public void ShippedServicesExample_LoadsAndMapsTheRollout(string dir, string target, RolloutTool tool, string service)
    {
        using var temp = new TempDir();
        var example = File.ReadAllText(Path.Combine(Repo.Root(), "deploy", dir, "services.yaml"));
        var config = RolloutConfig.Write(temp.Path, Closed, servicesYaml: example);

        var loaded = SettingsLoader.Load(new DictionaryEnvironmentVariables(new Dictionary<string, string>()), config, "dev");

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var parts = target.Split('/');
        Assert.Equal(service, loaded.Settings!.Config.Services.FindRollout(tool, parts[0], parts[1])?.Name);
    }

    [Fact]
    public void BadRolloutMapping_ErrorsNameTheFileKeyAndWhatWasExpected()
    {
        using var temp = new TempDir();
        var config = RolloutConfig.Write(temp.Path, Closed, servicesYaml: """
            version: 1
            services:
              - name: a
                sli: {p95_ms: x, error_rate: y, rps: z}
                knobs: [{name: k, min: 1, max: 2, default: 1, step: 1}]
                executors: {canary: {kind: sim}}
                rollout:
                  flagger: [podinfo, test/shared]
                  baseline: a-primary
                  latency_unit: minutes
              - name: b
                sli: {p95_ms: x, error_rate: y, rps: z}
                knobs: [{name: k, min: 1, max: 2, default: 1, step: 1}]
                executors: {canary: {kind: sim}}
                rollout:
                  flagger: [test/shared]
                  track_label: __name__
                  baseline: b-primary

            """);

        var loaded = SettingsLoader.Load(new DictionaryEnvironmentVariables(new Dictionary<string, string>()), config, "dev");

        var text = string.Join("\n", loaded.Errors);
        Assert.False(loaded.IsValid);
        Assert.Contains("services.yaml", text, StringComparison.Ordinal);
        Assert.Contains("rollout.flagger[0]", text, StringComparison.Ordinal);
        Assert.Contains("expected NAMESPACE/NAME", text, StringComparison.Ordinal);
        Assert.Contains("latency_unit", text, StringComparison.Ordinal);
        Assert.Contains("expected track_label as well", text, StringComparison.Ordinal);
        Assert.Contains("flagger test/shared again", text, StringComparison.Ordinal);
        Assert.Contains("track_label", text, StringComparison.Ordinal);
        Assert.Contains("expected both baseline and canary", text, StringComparison.Ordinal);
    }

    [Fact]
    public void RunRollouts_TokenSetButNoServiceMapped_ErrorBeforeStart()
    {
        using var temp = new TempDir();
        var config = RolloutConfig.Write(temp.Path, Closed, servicesYaml: """
            version: 1
            services:
              - name: a
                sli: {p95_ms: x, error_rate: y, rps: z}
                knobs: [{name: k, min: 1, max: 2, default: 1, step: 1}]
                executors: {canary: {kind: sim}}

            """);
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { [RolloutOptions.TokenVariable] = "t" });
        var loaded = SettingsLoader.Load(env, config, "dev");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));

        var (options, errors) = RunRollouts.Resolve(env, loaded.Settings!, Path.Combine(temp.Path, "state"));
        var (off, none) = RunRollouts.Resolve(new DictionaryEnvironmentVariables(new Dictionary<string, string>()), loaded.Settings!, temp.Path);

        Assert.Null(options);
        Assert.Contains(errors, e => e.Contains("no service in services.yaml has a rollout: block", StringComparison.Ordinal));
        Assert.Null(off);
        Assert.Empty(none);
    }

    private sealed class TempDir : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("lumen-rollout-config-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}

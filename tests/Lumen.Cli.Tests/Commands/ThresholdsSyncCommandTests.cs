namespace Lumen.Cli.Tests.Commands;

[Trait("Speed", "Slow")] // checks the generated files with promtool and amtool
public sealed class ThresholdsSyncCommandTests
{
    private static readonly string[] Deploy =
    [
        "deploy/prometheus/lumen-{0}.rules.yml",
        "deploy/prometheus/tests/lumen-{0}.rules.test.yml",
        "deploy/alertmanager/lumen-{0}.alertmanager.yml",
    ];

    [Fact]
    public void Sync_ExampleStage_WritesFilesThatPromtoolAndAmtoolAccept()
    {
        using var box = new CliSandbox();

        var (code, stdout) = box.Run(null, "thresholds", "sync", "dev", "--config-dir", box.ConfigDir, "--out-dir", box.Root);
        var check = box.Bash("""
            set -e
            promtool check rules deploy/prometheus/lumen-dev.rules.yml
            promtool test rules deploy/prometheus/tests/lumen-dev.rules.test.yml
            amtool check-config deploy/alertmanager/lumen-dev.alertmanager.yml
            """);

        Assert.Equal(0, code);
        Assert.Contains("created ", stdout, StringComparison.Ordinal);
        Assert.True(check.ExitCode == 0, $"promtool/amtool failed (exit {check.ExitCode}):\n{check.StdOut}\n{check.StdErr}");
    }

    [Fact]
    public void Sync_SecondRun_IsByteIdenticalAndTouchesNothing()
    {
        using var box = new CliSandbox();
        string[] args = ["thresholds", "sync", "staging", "--config-dir", box.ConfigDir, "--out-dir", box.Root];
        box.Run(null, args);
        var first = Snapshot(box, "staging");

        var (code, stdout) = box.Run(null, args);

        Assert.Equal(0, code);
        Assert.Equal(first, Snapshot(box, "staging"));
        Assert.Equal(4, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("unchanged ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Sync_DryRun_PrintsTheDiffAndWritesNothing()
    {
        using var box = new CliSandbox();
        File.WriteAllText(Path.Combine(box.ConfigDir, "feedback_rules.yaml"), "version: 1\nrules: []\n");

        var (code, stdout) = box.Run(null, "thresholds", "sync", "prod", "--config-dir", box.ConfigDir, "--dry-run");

        Assert.Equal(0, code);
        Assert.Contains("would create ./deploy/prometheus/lumen-prod.rules.yml", stdout, StringComparison.Ordinal);
        Assert.Contains("+groups:", stdout, StringComparison.Ordinal);
        Assert.Contains("-rules: []\n+rules:\n", stdout, StringComparison.Ordinal);
        Assert.Equal("version: 1\nrules: []\n", File.ReadAllText(Path.Combine(box.ConfigDir, "feedback_rules.yaml")));
        Assert.False(Directory.Exists(box.PathOf("deploy")));
    }

    [Theory]
    [InlineData("reward_mix_lambda: 0.5", "reward_mix_lambda: 7")]
    [InlineData("latency_p95_ms: 600", "latency_p95_ms: fast")]
    [InlineData("interval_seconds: 30", "interval_seconds: 30\n      bogus_key: 1")]
    public void Sync_InvalidConfig_ExitsTwoAndWritesNothing(string from, string to)
    {
        using var box = new CliSandbox();
        var matrix = Path.Combine(box.ConfigDir, "stage_matrix.yaml");
        File.WriteAllText(matrix, File.ReadAllText(matrix).Replace(from, to, StringComparison.Ordinal));
        var rules = File.ReadAllText(Path.Combine(box.ConfigDir, "feedback_rules.yaml"));

        var (code, _) = box.Run(null, "thresholds", "sync", "dev", "--config-dir", box.ConfigDir, "--out-dir", box.Root);

        Assert.Equal(2, code);
        Assert.False(Directory.Exists(box.PathOf("deploy")));
        Assert.Equal(rules, File.ReadAllText(Path.Combine(box.ConfigDir, "feedback_rules.yaml")));
    }

    [Fact]
    public void Sync_UnknownStage_ExitsTwoAndWritesNothing()
    {
        using var box = new CliSandbox();

        var (code, _) = box.Run(null, "thresholds", "sync", "qa", "--config-dir", box.ConfigDir, "--out-dir", box.Root);

        Assert.Equal(2, code);
        Assert.False(Directory.Exists(box.PathOf("deploy")));
    }

    [Fact]
    public void Sync_InPlace_KeepsTheConfigValid()
    {
        using var box = new CliSandbox();
        File.WriteAllText(Path.Combine(box.ConfigDir, "feedback_rules.yaml"),
            "# mine\nversion: 1\nrules:\n  - name: mine\n    when: load > 2  # busy\n    notify: {severity: info, message: busy}\n");

        var (code, _) = box.Run(null, "thresholds", "sync", "dev", "--config-dir", box.ConfigDir);
        var (valid, output) = box.Run(null, "validate", "--config-dir", box.ConfigDir);

        Assert.Equal(0, code);
        Assert.True(valid == 0, output);
        Assert.StartsWith("# mine\nversion: 1\nrules:\n  - name: mine\n    when: load > 2  # busy\n    notify: {severity: info, message: busy}\n  # Managed",
            File.ReadAllText(Path.Combine(box.ConfigDir, "feedback_rules.yaml")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("dev")]
    [InlineData("staging")]
    [InlineData("prod")]
    public void Sync_RepositoryConfig_ReproducesTheCommittedFiles(string stage)
    {
        // deploy/ is committed as `make sync-thresholds-STAGE` makes it.
        using var box = new CliSandbox();

        var (code, _) = box.Run(null, "thresholds", "sync", stage, "--config-dir", box.ConfigDir, "--out-dir", box.Root);

        Assert.Equal(0, code);
        foreach (var file in Deploy.Select(d => string.Format(System.Globalization.CultureInfo.InvariantCulture, d, stage)))
        {
            var committed = Path.Combine(CliSandbox.RepoRoot, file);
            Assert.True(File.Exists(committed), $"{file} is not committed: run `make sync-thresholds-{stage}`");
            Assert.True(File.ReadAllText(committed) == File.ReadAllText(box.PathOf(file)), $"{file} is out of date: run `make sync-thresholds-{stage}`");
        }

        // feedback_rules.yaml is committed with every stage's managed rules, so `make stage-STAGE` in a clone
        // rewrites it byte for byte and leaves `git status` clean.
        var shipped = File.ReadAllText(Path.Combine(CliSandbox.RepoRoot, "config", "feedback_rules.yaml"));
        var merged = File.ReadAllText(box.PathOf("config/feedback_rules.yaml"));
        Assert.Contains($"  - name: slo-latency-{stage}\n    managed: true\n    stages: [{stage}]\n", shipped, StringComparison.Ordinal);
        Assert.True(shipped == merged, $"config/feedback_rules.yaml is out of date: run `make sync-thresholds-{stage}`");
    }

    private static string[] Snapshot(CliSandbox box, string stage) =>
        [.. Deploy.Select(d => File.ReadAllText(box.PathOf(string.Format(System.Globalization.CultureInfo.InvariantCulture, d, stage)))),
            File.ReadAllText(Path.Combine(box.ConfigDir, "feedback_rules.yaml"))];
}

namespace Lumen.Cli.Tests.Commands;

[Trait("Speed", "Slow")] // checks the generated files with promtool and amtool
public sealed class ThresholdsSyncCommandTests
{
    private static readonly string[] Deploy =
    [
        "deploy/prometheus/lumen-{0}.rules.yml",
        "deploy/prometheus/tests/lumen-{0}.rules.test.yml",
        "deploy/alertmanager/lumen-{0}.alertmanager.yml",
        "deploy/alertmanager/lumen-{0}.alertmanager-snippet.yml",
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
        Assert.Equal(5, stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Count(l => l.StartsWith("unchanged ", StringComparison.Ordinal)));
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
    public void Sync_StageAlertingBlock_ChoosesPagerRunbookAndFilesAndOptionsWin()
    {
        using var box = new CliSandbox();
        var matrix = Path.Combine(box.ConfigDir, "stage_matrix.yaml");
        File.WriteAllText(matrix, File.ReadAllText(matrix).Replace("""
                  coherence_min: 0.60
            """, """
                  coherence_min: 0.60
                alerting:
                  runbook_base: https://wiki.example.com/sre/lumen-playbook
                  pager: opsgenie
                  pager_key_file: /run/secrets/opsgenie
                  slack_url_file: /run/secrets/slack
            """, StringComparison.Ordinal));

        var (code, _) = box.Run(null, "thresholds", "sync", "prod", "--config-dir", box.ConfigDir, "--out-dir", box.Root);
        var rules = File.ReadAllText(box.PathOf("deploy/prometheus/lumen-prod.rules.yml"));
        var snippet = File.ReadAllText(box.PathOf("deploy/alertmanager/lumen-prod.alertmanager-snippet.yml"));
        var (overridden, _) = box.Run(null, "thresholds", "sync", "prod", "--config-dir", box.ConfigDir, "--out-dir", box.Root,
            "--pager", "pagerduty", "--pager-key-file", "/run/secrets/pd", "--runbook-base", "https://runbooks.example.org/lumen");

        Assert.Equal(0, code);
        Assert.Contains("runbook_url: 'https://wiki.example.com/sre/lumen-playbook#lumen-error-budget-burn'", rules, StringComparison.Ordinal);
        Assert.Contains("api_key_file: '/run/secrets/opsgenie'", snippet, StringComparison.Ordinal);
        Assert.Contains("api_url_file: '/run/secrets/slack'", snippet, StringComparison.Ordinal);
        Assert.Equal(0, overridden);
        Assert.Contains("routing_key_file: '/run/secrets/pd'", File.ReadAllText(box.PathOf("deploy/alertmanager/lumen-prod.alertmanager.yml")), StringComparison.Ordinal);
        Assert.Contains("runbook_url: 'https://runbooks.example.org/lumen#lumen-loop-stale'", File.ReadAllText(box.PathOf("deploy/prometheus/lumen-prod.rules.yml")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--runbook-base", "docs/INCIDENT_PLAYBOOKS.md")]
    [InlineData("--runbook-base", "https://wiki.example.com/{{ .Foo }}")]
    [InlineData("--pager", "pagerdooty")]
    [InlineData("--pager-key-file", "relative/key")]
    [InlineData("--slack-url-file", "slack.url")]
    public void Sync_BadOption_ExitsTwoNamesItAndWritesNothing(string option, string value)
    {
        using var box = new CliSandbox();
        var rules = File.ReadAllText(Path.Combine(box.ConfigDir, "feedback_rules.yaml"));

        var run = box.Bash($"lumen thresholds sync dev --config-dir config --out-dir out {option} '{value}'");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{option}: expected", run.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(box.PathOf("out")));
        Assert.Equal(rules, File.ReadAllText(Path.Combine(box.ConfigDir, "feedback_rules.yaml")));
    }

    [Theory]
    [InlineData("pager: victorops", "stages.dev.alerting.pager")]
    [InlineData("runbook_base: wiki/x", "stages.dev.alerting.runbook_base")]
    [InlineData("pager_key_file: key.txt", "stages.dev.alerting.pager_key_file")]
    [InlineData("paging: yes", "stages.dev.alerting.paging")]
    public void Sync_BadAlertingBlock_ExitsTwoAtTheKey(string invalid, string key)
    {
        using var box = new CliSandbox();
        var matrix = Path.Combine(box.ConfigDir, "stage_matrix.yaml");
        var text = File.ReadAllText(matrix);
        var at = text.IndexOf("      coherence_min: 0.50\n", StringComparison.Ordinal) + "      coherence_min: 0.50\n".Length;
        File.WriteAllText(matrix, text[..at] + "    alerting:\n      " + invalid + "\n" + text[at..]);

        var run = box.Bash("lumen thresholds sync dev --config-dir config --out-dir out");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(key, run.StdErr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(box.PathOf("out")));
    }

    [Fact]
    public void Sync_PagerAndSlackSecrets_NeverAppearInAnyOutputOrFile()
    {
        // Unique values in the key files Alertmanager reads and in the environment Lumen runs with: the sync
        // names the files, and must never read, print or write what is in them.
        using var box = new CliSandbox();
        var secrets = new[] { "pd-" + Guid.NewGuid().ToString("N"), "og-" + Guid.NewGuid().ToString("N"), "https://hooks.slack.com/services/" + Guid.NewGuid().ToString("N") };
        File.WriteAllText(box.PathOf("pd.key"), secrets[0]);
        File.WriteAllText(box.PathOf("og.key"), secrets[1]);
        File.WriteAllText(box.PathOf("slack.url"), secrets[2]);

        var run = box.Bash($"""
            set -e
            export LUMEN_SLACK_WEBHOOK_URL='{secrets[2]}' LUMEN_SLACK_WEBHOOK_URL_FILE="$PWD/slack.url"
            lumen thresholds sync prod --config-dir config --out-dir out --pager-key-file "$PWD/pd.key" --slack-url-file "$PWD/slack.url"
            lumen thresholds sync prod --config-dir config --out-dir out --pager opsgenie --pager-key-file "$PWD/og.key" --slack-url-file "$PWD/slack.url" --dry-run
            lumen thresholds sync staging --config-dir config --out-dir out --pager opsgenie --pager-key-file "$PWD/og.key" --slack-url-file "$PWD/slack.url"
            """);

        Assert.True(run.ExitCode == 0, run.StdErr);
        Assert.Contains("routing_key_file: '" + box.PathOf("pd.key") + "'", File.ReadAllText(box.PathOf("out/deploy/alertmanager/lumen-prod.alertmanager-snippet.yml")), StringComparison.Ordinal);
        Assert.Contains("api_key_file: '" + box.PathOf("og.key") + "'", File.ReadAllText(box.PathOf("out/deploy/alertmanager/lumen-staging.alertmanager.yml")), StringComparison.Ordinal);
        var written = Directory.GetFiles(box.PathOf("out"), "*", SearchOption.AllDirectories);
        Assert.NotEmpty(written);
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(secret, run.StdOut, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, run.StdErr, StringComparison.Ordinal);
            Assert.All(written, f => Assert.DoesNotContain(secret, File.ReadAllText(f), StringComparison.Ordinal));
        }
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

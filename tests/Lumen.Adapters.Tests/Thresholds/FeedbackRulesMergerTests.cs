using Lumen.Adapters.Config;
using Lumen.Adapters.Thresholds;

namespace Lumen.Adapters.Tests.Thresholds;

public sealed class FeedbackRulesMergerTests
{
    // As a file: ends with a newline (a raw literal's last line does not).
    private static readonly string UserFile = UserRules + "\n";

    private const string UserRules = """
        # My rules. Keep this comment.
        version: 1
        rules:
          # Scale out when slow; this comment belongs to the rule below.
          - name: latency-pressure-high
            when: latency_pressure > 1.0   # trailing comment
            for: 3 intervals
            propose:
              knob: concurrency_limit
              direction: increase

          - name: night-watch
            when: load < 0.1
            notify:
              severity: info
              message: |
                quiet night,
                nothing to do
        """;

    [Fact]
    public void Merge_FileWithoutManagedRules_KeepsEveryUserByteAndAppendsOurs()
    {
        var result = FeedbackRulesMerger.Merge(UserFile, ExampleStages.Dev, "feedback_rules.yaml");

        Assert.Null(result.Error);
        Assert.StartsWith(UserFile, result.Text!, StringComparison.Ordinal);
        var added = result.Text![UserFile.Length..];
        Assert.StartsWith("  # Managed by `lumen thresholds sync dev`", added, StringComparison.Ordinal);
        Assert.Contains("  - name: slo-latency-dev\n    managed: true\n    stages: [dev]\n    when: p95_ms > 600\n", added, StringComparison.Ordinal);
        Assert.Contains("    when: error_rate > 0.05\n", added, StringComparison.Ordinal);
        Assert.Contains("    when: coherence < 0.5\n", added, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_Twice_IsByteIdentical()
    {
        var once = FeedbackRulesMerger.Merge(UserFile, ExampleStages.Dev, "f").Text!;

        var twice = FeedbackRulesMerger.Merge(once, ExampleStages.Dev, "f").Text!;

        Assert.Equal(once, twice);
    }

    [Fact]
    public void Merge_EarlierManagedRulesOfTheStage_AreReplacedInPlace()
    {
        var old = """
            version: 1
            rules:
              - name: first
                when: load > 2
                notify: {severity: info, message: busy}
              # Managed by an older sync.
              - name: slo-latency-dev
                managed: true
                stages: [dev]
                when: p95_ms > 999
                notify: {severity: warning, message: old}
              - name: stale-managed-for-every-stage
                managed: true
                when: p95_ms > 1
                notify: {severity: warning, message: old}
              # The user's last rule.
              - name: last
                when: load < 0.5
                notify: {severity: info, message: idle}
            """;

        var merged = FeedbackRulesMerger.Merge(old, ExampleStages.Dev, "f").Text!;

        Assert.DoesNotContain("999", merged, StringComparison.Ordinal);
        Assert.DoesNotContain("Managed by an older sync", merged, StringComparison.Ordinal);
        Assert.DoesNotContain("stale-managed-for-every-stage", merged, StringComparison.Ordinal);
        var first = merged.IndexOf("name: first", StringComparison.Ordinal);
        var ours = merged.IndexOf("name: slo-latency-dev", StringComparison.Ordinal);
        var last = merged.IndexOf("  # The user's last rule.\n  - name: last", StringComparison.Ordinal);
        Assert.True(first < ours && ours < last, merged);
    }

    [Fact]
    public void Merge_AnotherStage_KeepsTheFirstStagesManagedRules()
    {
        var dev = FeedbackRulesMerger.Merge(UserFile, ExampleStages.Dev, "f").Text!;

        var both = FeedbackRulesMerger.Merge(dev, ExampleStages.Prod, "f").Text!;
        var devAgain = FeedbackRulesMerger.Merge(both, ExampleStages.Dev, "f").Text!;

        Assert.StartsWith(dev, both, StringComparison.Ordinal);
        Assert.Contains("name: slo-latency-prod", both, StringComparison.Ordinal);
        Assert.Equal(both, devAgain);
    }

    [Theory]
    [InlineData("version: 1\nrules: []\n")]
    [InlineData("version: 1\nrules:\n")]
    [InlineData("rules: ~\nversion: 1\n")]
    public void Merge_EmptyRuleList_BecomesABlockListOfOurs(string text)
    {
        var merged = FeedbackRulesMerger.Merge(text, ExampleStages.Staging, "f").Text!;

        Assert.Contains("rules:\n  # Managed by `lumen thresholds sync staging`", merged, StringComparison.Ordinal);
        Assert.Contains("version: 1", merged, StringComparison.Ordinal);
        Assert.Equal(merged, FeedbackRulesMerger.Merge(merged, ExampleStages.Staging, "f").Text);
    }

    [Fact]
    public void Merge_UserRuleWithOurName_FailsWithItsLine()
    {
        var text = "version: 1\nrules:\n  - name: ok\n    when: load > 1\n    notify: {severity: info, message: m}\n  - name: slo-errors-dev\n    when: load > 1\n    notify: {severity: info, message: m}\n";

        var result = FeedbackRulesMerger.Merge(text, ExampleStages.Dev, "config/feedback_rules.yaml");

        Assert.Null(result.Text);
        Assert.StartsWith("config/feedback_rules.yaml:6:3: ", result.Error, StringComparison.Ordinal);
        Assert.Contains("slo-errors-dev", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("version: 1\nrules: [{name: a, when: load > 1}]\n", "block list")]
    [InlineData("- just\n- a list\n", "block mapping")]
    [InlineData("version: 1\n", "`rules` key")]
    [InlineData("version: 1\nrules: [\n", "not valid YAML")]
    public void Merge_UnmergeableFile_FailsWithAReason(string text, string reason)
    {
        var result = FeedbackRulesMerger.Merge(text, ExampleStages.Dev, "f");

        Assert.Null(result.Text);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_CrLfFile_KeepsCrLf()
    {
        var crlf = UserFile.Replace("\n", "\r\n", StringComparison.Ordinal);

        var merged = FeedbackRulesMerger.Merge(crlf, ExampleStages.Dev, "f").Text!;

        Assert.StartsWith(crlf, merged, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", merged.Replace("\r\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_ExampleConfig_LoadsWithTheConfigLoaderAndKeepsTheUserRules()
    {
        using var dir = new TempDir();
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot.Path, "config"), "*.yaml"))
        {
            File.Copy(file, dir.File(Path.GetFileName(file)));
        }

        var path = dir.File("feedback_rules.yaml");
        var merged = File.ReadAllText(path);
        foreach (var stage in new[] { ExampleStages.Dev, ExampleStages.Staging, ExampleStages.Prod })
        {
            merged = FeedbackRulesMerger.Merge(merged, stage, path).Text!;
        }

        File.WriteAllText(path, merged);
        var loaded = ConfigLoader.Load(dir.Path);

        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var rules = loaded.Config!.FeedbackRules.Rules;
        Assert.Equal(["latency-pressure-high", "error-pressure-high", "coherence-low"], rules.Where(r => !r.Managed).Select(r => r.Name));
        Assert.Equal(9, rules.Count(r => r.Managed));
        Assert.All(rules.Where(r => r.Managed), r => Assert.Single(r.Stages));
        Assert.Equal(0.55, rules.Single(r => r.Name == "slo-coherence-staging").When.Threshold);
    }
}

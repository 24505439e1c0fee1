using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lumen.Core.Policy;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

public sealed class CanaryCheckCommandTests
{
    private static readonly string ConfigDir = Path.Combine(CliFixtures.RepoRoot, "config");

    private static (int Code, string Output) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 400;
        var code = LumenApp.Run(args, console, new DictionaryEnvironmentVariables(new Dictionary<string, string>
        {
            ["LUMEN_STATE_DIR"] = StateDirFor(args),
        }));
        return (code, console.Output);
    }

    /// <summary>The ledger goes to a <c>state</c> folder beside the report, so each test has its own.</summary>
    private static string StateDirFor(string[] args)
    {
        var outAt = Array.IndexOf(args, "--out");
        var beside = outAt >= 0 && outAt + 1 < args.Length
            ? Path.GetDirectoryName(Path.GetFullPath(args[outAt + 1]))!
            : Path.Combine(Path.GetTempPath(), "lumen-cli-test-" + Guid.NewGuid().ToString("N"));
        return Path.Combine(beside, "state");
    }

    [Fact]
    public void Execute_Decision_IsWrittenToTheLedgerWithTheReportHash()
    {
        using var dir = new TempDir();
        var from = Path.Combine(dir.Path, "records.jsonl");
        var output = Path.Combine(dir.Path, "canary_report.json");
        File.WriteAllText(from, Records(60, 4000, 4));

        var (code, text) = Run("canary", "check", "--stage", "dev", "--from", from, "--out", output, "--config-dir", ConfigDir);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Contains("ledger: canary.decision", text, StringComparison.Ordinal);
        var lines = File.ReadAllLines(Path.Combine(dir.Path, "state", "proof_ledger.jsonl"));
        var decision = lines.Select(l => JsonDocument.Parse(l).RootElement).Single(e => e.GetProperty("kind").GetString() == "canary.decision");
        Assert.Equal("checkout", decision.GetProperty("service").GetString());
        Assert.Equal("dev", decision.GetProperty("stage").GetString());
        var data = decision.GetProperty("data");
        Assert.Equal("fail", data.GetProperty("decision").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(output))), data.GetProperty("report_sha256").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(from))), data.GetProperty("input_sha256").GetString());
    }

    [Fact]
    public void Execute_NoLedger_WritesNoLedger()
    {
        using var dir = new TempDir();
        var from = Path.Combine(dir.Path, "records.jsonl");
        var output = Path.Combine(dir.Path, "canary_report.json");
        File.WriteAllText(from, Records(60, 4000, 1));

        var (code, _) = Run("canary", "check", "--stage", "dev", "--from", from, "--out", output, "--config-dir", ConfigDir, "--no-ledger");

        Assert.Equal(ExitCodes.Ok, code);
        Assert.False(Directory.Exists(Path.Combine(dir.Path, "state")));
    }

    /// <summary>Deterministic records: every interval has the same counts (no noise), canary 20 % of traffic.</summary>
    private static string Records(int intervals, long baselineRequests, double canaryErrorFactor)
    {
        var text = new StringBuilder();
        for (var i = 1; i <= intervals; i++)
        {
            var ts = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddSeconds(30 * i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            text.AppendLine(Line(ts, "baseline", baselineRequests, 0.01));
            text.AppendLine(Line(ts, "canary", baselineRequests / 4, 0.01 * canaryErrorFactor));
        }

        return text.ToString();
    }

    private static string Line(string ts, string track, long n, double errorRate) =>
        string.Create(CultureInfo.InvariantCulture, $$$"""{"ts":"{{{ts}}}","service":"checkout","track":"{{{track}}}","requests":{{{n}}},"errors":{{{(long)(n * errorRate)}}},"coherence":0.9,"latency_le":{"0.05":{{{n * 50 / 100}}},"0.1":{{{n * 80 / 100}}},"0.25":{{{n * 96 / 100}}},"0.5":{{{n * 99 / 100}}},"+Inf":{{{n}}}}}""");

    [Fact]
    public void Execute_EqualTracks_PassesAndWritesTheReport()
    {
        using var dir = new TempDir();
        var from = Path.Combine(dir.Path, "records.jsonl");
        var output = Path.Combine(dir.Path, "canary_report.json");
        File.WriteAllText(from, Records(60, 4000, 1));

        var (code, text) = Run("canary", "check", "--stage", "dev", "--from", from, "--out", output, "--config-dir", ConfigDir);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.Contains("canary checkout: pass", text, StringComparison.Ordinal);
        using var report = JsonDocument.Parse(File.ReadAllText(output));
        var root = report.RootElement;
        Assert.Equal("lumen.canary_report/1", root.GetProperty("schema").GetString());
        Assert.Equal("pass", root.GetProperty("decision").GetString());
        Assert.Equal("lumen-canary-judge/2", root.GetProperty("judge_version").GetString());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(from))), root.GetProperty("input").GetProperty("sha256").GetString());
        Assert.Equal(64, root.GetProperty("policy").GetProperty("sha256").GetString()!.Length);
        Assert.NotEqual(JsonValueKind.Null, root.GetProperty("decided_at").ValueKind);
        Assert.True(root.GetProperty("samples_used").GetProperty("intervals_used").GetInt32() < 60);
        Assert.All(root.GetProperty("gates").EnumerateArray(), g => Assert.Equal("pass", g.GetProperty("outcome").GetString()));
        var errors = root.GetProperty("models").GetProperty("errors");
        Assert.True(errors.GetProperty("fixed").GetBoolean());
        Assert.Contains(errors.GetProperty("model").GetString(), new[] { "interval", "interval+request" });
        Assert.Contains($"model errors: {errors.GetProperty("model").GetString()}, warm-up dispersion", text, StringComparison.Ordinal);
        Assert.True(root.GetProperty("models").TryGetProperty("latency", out _));
    }

    [Fact]
    public void Execute_CanaryWithFourTimesTheErrors_FailsWithExitOne()
    {
        using var dir = new TempDir();
        var from = Path.Combine(dir.Path, "records.jsonl");
        var output = Path.Combine(dir.Path, "report.json");
        File.WriteAllText(from, Records(60, 4000, 4));

        var (code, text) = Run("canary", "check", "--stage", "dev", "--from", from, "--out", output, "--config-dir", ConfigDir);

        Assert.Equal(ExitCodes.Failed, code);
        using var report = JsonDocument.Parse(File.ReadAllText(output));
        Assert.Equal("fail", report.RootElement.GetProperty("decision").GetString());
        Assert.Contains("error_rate.relative", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_LowTraffic_IsInconclusiveWithExitThree()
    {
        using var dir = new TempDir();
        var from = Path.Combine(dir.Path, "records.jsonl");
        File.WriteAllText(from, Records(4, 40, 1));

        var (code, _) = Run("canary", "check", "--stage", "dev", "--from", from, "--out", Path.Combine(dir.Path, "r.json"), "--config-dir", ConfigDir);

        Assert.Equal(ExitCodes.Inconclusive, code);
    }

    [Fact]
    public void Execute_MalformedLine_ReportsItsLineNumberAndExitsTwo()
    {
        using var dir = new TempDir();
        var from = Path.Combine(dir.Path, "records.jsonl");
        var lines = Records(3, 4000, 1).Split('\n');
        lines[2] = lines[2].Replace("\"track\":\"baseline\"", "\"track\":\"blue\"", StringComparison.Ordinal);
        File.WriteAllText(from, string.Join('\n', lines));
        var output = Path.Combine(dir.Path, "r.json");

        var (code, text) = Run("canary", "check", "--stage", "dev", "--from", from, "--out", output, "--config-dir", ConfigDir);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains($"{from}:3: track: expected baseline or canary, found \"blue\"", text, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Execute_LiveWithSeveralServicesAndNoServiceFlag_IsBadInputBeforeAnyQuery()
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "canary_report.json");

        var twoServices = Path.Combine(CliFixtures.RepoRoot, "tests", "Lumen.Adapters.Tests", "TestData", "config-valid");
        var (code, text) = Run("canary", "check", "--stage", "dev", "--out", output, "--config-dir", twoServices);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("choose the one to judge with --service", text, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(dir.Path, "canary_records.jsonl")));
    }

    [Theory]
    [InlineData("--since", "yesterday", "--since: expected an RFC 3339 time or a duration")]
    [InlineData("--step", "1.5s", "the step must be a whole number of seconds")]
    [InlineData("--latency-metric", "http-duration", "is not a Prometheus metric name")]
    public void Execute_LiveWithBadWindowArguments_IsBadInput(string flag, string value, string expected)
    {
        using var dir = new TempDir();
        var output = Path.Combine(dir.Path, "canary_report.json");

        var (code, text) = Run("canary", "check", "--stage", "dev", "--service", "checkout", flag, value, "--out", output, "--config-dir", ConfigDir);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains(expected, text, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Export_WithoutSince_IsBadInput()
    {
        var (code, text) = Run("canary", "export", "--stage", "dev", "--config-dir", ConfigDir);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--since TIME is required", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_WithoutStage_IsBadInput()
    {
        using var dir = new TempDir();
        var from = Path.Combine(dir.Path, "records.jsonl");
        File.WriteAllText(from, Records(3, 4000, 1));
        var (code, text) = Run("canary", "check", "--from", from, "--config-dir", ConfigDir);
        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--stage", text, StringComparison.Ordinal);
    }
}

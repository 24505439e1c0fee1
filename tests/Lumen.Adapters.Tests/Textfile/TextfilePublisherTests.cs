using System.Diagnostics;
using Lumen.Adapters.Tests.TestKit;
using Lumen.Adapters.Textfile;
using Lumen.Core.Publishing;

namespace Lumen.Adapters.Tests.Textfile;

public sealed class TextfilePublisherTests : IDisposable
{
    private const string Promtool = "/usr/bin/promtool";
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>Every family, with label values that need escaping.</summary>
    private static MetricsSnapshot FullSnapshot() => new()
    {
        Tracks = [new TrackMetrics("checkout", "canary", 0.35, 0.01, 12), new TrackMetrics("checkout", "baseline", 0.3, 0, 120)],
        Readings =
        [
            new SliReadingMetric("checkout", "canary", "p95_ms", true, "ok"),
            new SliReadingMetric("checkout", "baseline", "error_rate", false, "error"),
        ],
        Services =
        [
            new ServiceMetrics("checkout", 0.9, 1.2, 0.8, 1, 0.02, PublishedCanaryDecision.Inconclusive),
            new ServiceMetrics("we\"ird\\name\nx", CoherenceRatio: 0.4),
        ],
        AdjustmentOutcomes = [new AdjustmentOutcomeCount("checkout", "rolled_back", 3)],
        SliReadingCounts = [new SliReadingCount("checkout", "error_rate", "error", 2)],
        LedgerHeadSeq = 17,
        LoopLastSuccessUnixSeconds = 1767225600.5,
        TickDurationSeconds = 0.031,
    };

    [Fact]
    public async Task PublishAsync_FullSnapshot_WritesTheFormattedTextAndNoTempFile()
    {
        var publisher = new TextfilePublisher(_dir.Path);

        var result = await publisher.PublishAsync(FullSnapshot(), CancellationToken.None);

        Assert.True(result.IsOk, result.Reason);
        Assert.Equal(PrometheusTextFormatter.Format(FullSnapshot()), await File.ReadAllTextAsync(publisher.FilePath));
        Assert.Equal(["lumen.prom"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public async Task PublishAsync_Twice_ReplacesTheFile()
    {
        var publisher = new TextfilePublisher(_dir.Path);
        await publisher.PublishAsync(FullSnapshot(), CancellationToken.None);

        await publisher.PublishAsync(MetricsSnapshot.Empty with { LedgerHeadSeq = 18 }, CancellationToken.None);

        Assert.Equal(
            "# HELP lumen_ledger_head_seq Sequence number of the last proof ledger entry.\n# TYPE lumen_ledger_head_seq gauge\nlumen_ledger_head_seq 18\n",
            await File.ReadAllTextAsync(publisher.FilePath));
    }

    [Fact]
    public async Task PublishAsync_DirectoryMissing_FailsAsAValue()
    {
        var publisher = new TextfilePublisher(_dir.File("no-such-dir"));

        var result = await publisher.PublishAsync(FullSnapshot(), CancellationToken.None);

        Assert.False(result.IsOk);
        Assert.Contains("no-such-dir", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublishAsync_Output_PassesPromtoolCheckMetricsWithoutLintFindings()
    {
        Assert.True(File.Exists(Promtool), $"{Promtool} is needed for this test (scripts/ensure-test-deps.sh installs it)");
        var publisher = new TextfilePublisher(_dir.Path);
        await publisher.PublishAsync(FullSnapshot(), CancellationToken.None);

        var (exitCode, output) = await RunPromtoolAsync(publisher.FilePath);

        Assert.Equal("", output);
        Assert.Equal(0, exitCode);
    }

    private static async Task<(int ExitCode, string Output)> RunPromtoolAsync(string file)
    {
        var startInfo = new ProcessStartInfo(Promtool)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add("check");
        startInfo.ArgumentList.Add("metrics");
        using var process = Process.Start(startInfo)!;
        await process.StandardInput.WriteAsync(await File.ReadAllTextAsync(file));
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout + await stderr).Trim());
    }
}

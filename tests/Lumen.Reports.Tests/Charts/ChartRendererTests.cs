using Lumen.Reports.Charts;
using Lumen.Reports.Digest;
using Lumen.Reports.Ledger;
using Lumen.Reports.Tests.TestKit;

namespace Lumen.Reports.Tests.Charts;

public sealed class ChartRendererTests
{
    [Fact]
    [Trait("Speed", "Slow")] // renders every chart of a simulated day
    public void RenderAll_SimulatedDay_WritesEveryChartAsPng()
    {
        using var temp = new TempDirectory();
        var ledger = FixtureLedger.Write(temp.Path, days: 1);
        var digest = RunDigest.From(LedgerEntryFile.Read(ledger).Entries);

        var files = ChartRenderer.RenderAll(digest, temp.Combine("reports"));

        var names = files.Select(f => Path.GetFileName(f.Path)).ToList();
        Assert.Equal(
            ["latency-checkout.png", "errors-checkout.png", "knobs-checkout.png", "latency-search.png", "errors-search.png",
             "knobs-search.png", "coherence.png", "reward.png"],
            names);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file.Path);
            Assert.True(bytes.Length > 10_000, $"{file.Path} is only {bytes.Length} bytes");
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
        }

        if (Environment.GetEnvironmentVariable("LUMEN_KEEP_CHARTS") is { Length: > 0 } keep)
        {
            Directory.CreateDirectory(keep);
            foreach (var file in files)
            {
                File.Copy(file.Path, Path.Combine(keep, Path.GetFileName(file.Path)), overwrite: true);
            }
        }
    }
}

using System.Globalization;
using System.Text.Json;
using Lumen.Cli;
using Lumen.Core.Policy;
using Lumen.Integration.Tests.Live;
using Spectre.Console.Testing;

namespace Lumen.Integration.Tests.Bench;

public sealed class LiveLoopBenchTests
{
    /// <summary>
    /// The live variant of <c>lumen bench loop</c> against a real Prometheus on loopback filled with
    /// promtool: every track of the 3 services is read Ok, the loop's collect and the raw batched
    /// queries are both timed, and each of the 6 knob targets (its own server) is read once per tick.
    /// </summary>
    [Fact]
    public async Task Json_RealPrometheus_ReadsEveryTrackAndEachTargetOncePerTick()
    {
        using var http = new HttpClient();
        var end = DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 60 * 60);
        var history = OpenMetricsHistory.Text(["svc000", "svc001", "svc002"], ["baseline", "canary"], end, TimeSpan.FromMinutes(30),
            TimeSpan.FromSeconds(60));
        await using var prometheus = await HistoryPrometheus.StartAsync(history, [], http);
        var console = new TestConsole();
        console.Profile.Width = 500;

        var code = LumenApp.Run(["bench", "loop", "--prometheus", prometheus.Url.ToString(), "--services", "3",
            "--at", (end.ToUnixTimeSeconds() - 120).ToString(CultureInfo.InvariantCulture), "--ticks", "2", "--warmup", "1", "--json"],
            console, new DictionaryEnvironmentVariables(new Dictionary<string, string>()));

        Assert.True(code == ExitCodes.Ok, console.Output);
        using var doc = JsonDocument.Parse(console.Output);
        var root = doc.RootElement;
        Assert.Equal(6, root.GetProperty("ok_tracks").GetInt32());
        Assert.Equal(1.0, root.GetProperty("knob_reads_per_target").GetDouble());
        Assert.Equal(1, root.GetProperty("max_reads_per_target").GetInt32());
        Assert.Equal(6, root.GetProperty("targets").GetInt32());
        Assert.Equal(3, root.GetProperty("queries").GetInt32());
        Assert.True(root.GetProperty("raw_query_ms").GetDouble() > 0);
        Assert.True(root.GetProperty("collect_ms").GetDouble() > 0);
    }

    [Fact]
    public void Prometheus_NotAUrl_Exit2()
    {
        var console = new TestConsole();

        var code = LumenApp.Run(["bench", "loop", "--prometheus", "ftp://nowhere"], console,
            new DictionaryEnvironmentVariables(new Dictionary<string, string>()));

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("--prometheus expects an http(s) URL", console.Output, StringComparison.Ordinal);
    }
}

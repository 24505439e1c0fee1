using System.Diagnostics;
using System.Globalization;
using Lumen.Integration.Tests.TestKit;

namespace Lumen.Integration.Tests.Live;

/// <summary>
/// A real Prometheus whose storage was filled with history before it started:
/// <c>promtool tsdb create-blocks-from openmetrics FILE DATA_DIR</c> (Debian's prometheus package
/// ships promtool), then <c>prometheus --storage.tsdb.path=DATA_DIR</c> on a free loopback port,
/// scraping the given targets every second. Killed and deleted on dispose.
/// </summary>
internal sealed class HistoryPrometheus : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;

    private HistoryPrometheus(Process process, string dir, Uri url)
    {
        _process = process;
        _dir = dir;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<HistoryPrometheus> StartAsync(string openMetrics, IEnumerable<Uri> targets, HttpClient http)
    {
        var dir = Directory.CreateTempSubdirectory("lumen-prom-history-").FullName;
        var data = Path.Combine(dir, "data");
        var input = Path.Combine(dir, "history.om");
        await File.WriteAllTextAsync(input, openMetrics);
        var promtool = Path.Combine(Path.GetDirectoryName(PrometheusServer.FindBinary())!, "promtool");
        var (code, output) = await RunAsync(promtool, "tsdb", "create-blocks-from", "openmetrics", input, data);
        Assert.True(code == 0, $"promtool create-blocks-from openmetrics exited {code}:\n{output}");

        var port = LoopbackPort.Unbound();
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 900ms
            scrape_configs:
              - job_name: demo
                static_configs:
                  - targets: [{string.Join(", ", targets.Select(t => $"'{t.Host}:{t.Port}'"))}]

            """);
        var start = new ProcessStartInfo(PrometheusServer.FindBinary()) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            $"--config.file={config}", $"--storage.tsdb.path={data}", "--storage.tsdb.retention.time=30d",
            $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}", "--log.level=warn",
        })
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new HistoryPrometheus(process, dir, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await Poll.UntilAsync(async () =>
            {
                Assert.False(process.HasExited, "Prometheus exited");
                try
                {
                    using var r = await http.GetAsync(new Uri(server.Url, "-/ready"));
                    return r.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, ok => ok, "Prometheus /-/ready", attempts: 300, delayMs: 100);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var p = Process.Start(start)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (p.ExitCode, await stdout + await stderr);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
            }
        }
        finally
        {
            _process.Dispose();
            try
            {
                Directory.Delete(_dir, recursive: true);
            }
            catch (IOException)
            {
                // A temp dir left behind is not worth failing a test for.
            }
        }
    }
}

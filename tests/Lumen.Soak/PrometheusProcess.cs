using System.Diagnostics;
using System.Globalization;

namespace Lumen.Soak;

/// <summary>
/// A real Prometheus (Debian's package) on a fixed loopback port with its own storage directory,
/// scraping the demo instances every second; it can be killed and started again on the same port and
/// storage, as a restart in production would.
/// </summary>
internal sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly string _dir;
    private readonly int _port;
    private Process? _process;

    private PrometheusProcess(string dir, int port)
    {
        _dir = dir;
        _port = port;
    }

    public Uri Url => new($"http://127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}/");

    public static string FindBinary()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LUMEN_PROMETHEUS");
        var candidates = new[] { fromEnv, "/usr/bin/prometheus" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(p => Path.Combine(p, "prometheus")));
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p))
            ?? throw new InvalidOperationException("The soak needs a real Prometheus (/usr/bin/prometheus, $PATH or $LUMEN_PROMETHEUS): `make test` installs it (scripts/ensure-test-deps.sh).");
    }

    public static async Task<PrometheusProcess> StartAsync(IEnumerable<Uri> targets, string dir, HttpClient http)
    {
        var targetList = string.Join(", ", targets.Select(t => $"'{t.Host}:{t.Port.ToString(CultureInfo.InvariantCulture)}'"));
        await File.WriteAllTextAsync(Path.Combine(dir, "prometheus.yml"), $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 900ms
              evaluation_interval: 1s
            scrape_configs:
              - job_name: demo
                static_configs:
                  - targets: [{targetList}]

            """);
        // An hour of history first, so the loop's mapper is ready from its first tick.
        var history = Path.Combine(dir, "history.om");
        await File.WriteAllTextAsync(history, SoakHistory.Text(DateTimeOffset.UtcNow - TimeSpan.FromSeconds(30)));
        var promtool = Path.Combine(Path.GetDirectoryName(FindBinary())!, "promtool");
        var (code, output) = await RunAsync(promtool, "tsdb", "create-blocks-from", "openmetrics", history, Path.Combine(dir, "data"));
        if (code != 0)
        {
            throw new InvalidOperationException($"promtool tsdb create-blocks-from openmetrics exited {code.ToString(CultureInfo.InvariantCulture)}: {output}");
        }

        var server = new PrometheusProcess(dir, FreePort.Next());
        await server.StartAgainAsync(http);
        return server;
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

    /// <summary>Starts the process (again) and waits until it answers <c>/-/ready</c>.</summary>
    public async Task StartAgainAsync(HttpClient http)
    {
        var start = new ProcessStartInfo(FindBinary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            $"--config.file={Path.Combine(_dir, "prometheus.yml")}",
            $"--storage.tsdb.path={Path.Combine(_dir, "data")}",
            $"--web.listen-address=127.0.0.1:{_port.ToString(CultureInfo.InvariantCulture)}",
            "--storage.tsdb.retention.time=30d",
            "--log.level=error",
        })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start)!;
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Prometheus exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} on start");
            }

            try
            {
                using var ready = await http.GetAsync(new Uri(Url, "-/ready"));
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("Prometheus did not become ready in 30 s");
    }

    /// <summary>SIGKILL, as a crash or an OOM kill would: the restart replays its write-ahead log.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }

        _process?.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await KillAsync();
}

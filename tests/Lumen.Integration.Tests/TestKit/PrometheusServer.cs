using System.Diagnostics;
using System.Globalization;
using Lumen.Adapters.Prometheus;

namespace Lumen.Integration.Tests.TestKit;

/// <summary>
/// A real Prometheus (Debian's package) on a free loopback port, with a generated scrape config
/// (1 s interval) and a temp storage dir. Missing Prometheus is a failure, not a skip: `make test`
/// installs it (scripts/ensure-test-deps.sh). The process is killed on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private readonly List<string> _log = [];

    private PrometheusServer(Process process, string dir, Uri url)
    {
        _process = process;
        _dir = dir;
        Url = url;
    }

    public Uri Url { get; }

    public static string FindBinary()
    {
        var fromEnv = Environment.GetEnvironmentVariable("LUMEN_PROMETHEUS");
        var candidates = new[] { fromEnv, "/usr/bin/prometheus" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(p => Path.Combine(p, "prometheus")));
        return candidates.FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p))
            ?? throw new InvalidOperationException(
                "The integration tests need a real Prometheus and found none (/usr/bin/prometheus, $PATH, $LUMEN_PROMETHEUS). " +
                "Install it with `sudo apt-get install prometheus` or run `make test`, which does (scripts/ensure-test-deps.sh).");
    }

    public static async Task<PrometheusServer> StartAsync(IEnumerable<Uri> targets, HttpClient http)
    {
        var binary = FindBinary();
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var dir = Directory.CreateTempSubdirectory("lumen-prom-").FullName;
            var port = LoopbackPort.Unbound();
            var targetList = string.Join(", ", targets.Select(t => $"'{t.Host}:{t.Port}'"));
            var config = Path.Combine(dir, "prometheus.yml");
            await File.WriteAllTextAsync(config, $"""
                global:
                  scrape_interval: 1s
                  scrape_timeout: 900ms
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: demo
                    static_configs:
                      - targets: [{targetList}]

                """);
            var start = new ProcessStartInfo(binary)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[]
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(dir, "data")}",
                $"--web.listen-address=127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
                "--log.level=warn",
            })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            var server = new PrometheusServer(process, dir, new Uri($"http://127.0.0.1:{port}/"));
            process.OutputDataReceived += (_, e) => server.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                await server.WaitReadyAsync(http);
                return server;
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
            {
                last = new InvalidOperationException($"Prometheus did not become ready: {ex.Message}\n{server.LogTail()}", ex);
                await server.DisposeAsync();
            }
        }

        throw last!;
    }

    /// <summary>Runs an instant query at the server's now; fails the test on any error.</summary>
    public async Task<PromQueryData> QueryAsync(HttpClient http, string query)
    {
        var body = await http.GetStringAsync(new Uri(Url, "api/v1/query?query=" + Uri.EscapeDataString(query)));
        var result = PromResponseParser.Parse(body);
        return result.Data ?? throw new InvalidOperationException($"query {query} failed: {result.Error}");
    }

    private async Task WaitReadyAsync(HttpClient http) =>
        await Poll.UntilAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"Prometheus exited with code {_process.ExitCode}");
                }

                try
                {
                    using var response = await http.GetAsync(new Uri(Url, "-/ready"));
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            },
            ready => ready,
            "Prometheus /-/ready",
            attempts: 150,
            delayMs: 100);

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
            if (_log.Count > 40)
            {
                _log.RemoveAt(0);
            }
        }
    }

    public string LogTail()
    {
        lock (_log)
        {
            return string.Join('\n', _log);
        }
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
        catch (InvalidOperationException)
        {
            // Already gone.
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

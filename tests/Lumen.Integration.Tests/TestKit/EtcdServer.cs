using System.Diagnostics;
using System.Globalization;

namespace Lumen.Integration.Tests.TestKit;

/// <summary>
/// A real etcd (Debian's <c>etcd-server</c>) on free loopback ports with a temp data dir. Missing
/// etcd is a failure, not a skip: `make test` installs it (scripts/ensure-test-deps.sh). Killed on
/// dispose.
/// </summary>
internal sealed class EtcdServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dir;
    private readonly List<string> _log = [];

    private EtcdServer(Process process, string dir, Uri url)
    {
        _process = process;
        _dir = dir;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<EtcdServer> StartAsync()
    {
        var binary = new[] { Environment.GetEnvironmentVariable("LUMEN_ETCD"), "/usr/bin/etcd" }
            .FirstOrDefault(p => !string.IsNullOrEmpty(p) && File.Exists(p))
            ?? throw new InvalidOperationException(
                "The coordination tests need a real etcd and found none (/usr/bin/etcd, $LUMEN_ETCD). " +
                "Install it with `sudo apt-get install etcd-server` or run `make test`, which does (scripts/ensure-test-deps.sh).");
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var dir = Directory.CreateTempSubdirectory("lumen-etcd-").FullName;
            var client = LoopbackPort.Unbound();
            var peer = LoopbackPort.Unbound();
            var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[]
            {
                "--name=lumen-test",
                $"--data-dir={Path.Combine(dir, "data")}",
                $"--listen-client-urls=http://127.0.0.1:{client.ToString(CultureInfo.InvariantCulture)}",
                $"--advertise-client-urls=http://127.0.0.1:{client.ToString(CultureInfo.InvariantCulture)}",
                $"--listen-peer-urls=http://127.0.0.1:{peer.ToString(CultureInfo.InvariantCulture)}",
                $"--initial-advertise-peer-urls=http://127.0.0.1:{peer.ToString(CultureInfo.InvariantCulture)}",
                $"--initial-cluster=lumen-test=http://127.0.0.1:{peer.ToString(CultureInfo.InvariantCulture)}",
                "--log-level=warn",
            })
            {
                start.ArgumentList.Add(arg);
            }

            var process = Process.Start(start)!;
            var server = new EtcdServer(process, dir, new Uri($"http://127.0.0.1:{client}"));
            process.OutputDataReceived += (_, e) => server.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
                await Poll.UntilAsync(
                    async () =>
                    {
                        if (process.HasExited)
                        {
                            throw new InvalidOperationException($"etcd exited with code {process.ExitCode}");
                        }

                        try
                        {
                            using var response = await http.GetAsync(new Uri(server.Url, "health"));
                            return response.IsSuccessStatusCode;
                        }
                        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                        {
                            return false;
                        }
                    },
                    ready => ready, "etcd /health", attempts: 100, delayMs: 100);
                return server;
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
            {
                last = new InvalidOperationException($"etcd did not become ready: {ex.Message}\n{server.LogTail()}", ex);
                await server.DisposeAsync();
            }
        }

        throw last!;
    }

    public string LogTail()
    {
        lock (_log)
        {
            return string.Join('\n', _log.TakeLast(20));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }
    }
}

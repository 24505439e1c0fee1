using System.Globalization;
using System.Security.Cryptography;
using Lumen.Adapters.Prometheus;

namespace Lumen.Cli.Live;

/// <summary>
/// What <c>lumen demo --live</c> runs besides the loop: two demo-service instances of <c>checkout</c>
/// (baseline and canary) and a real Prometheus scraping both every second, all on loopback ports, with
/// a temp dir for Prometheus' config and storage. Disposing (or <see cref="KillAll"/> from a signal
/// handler) stops every process it started and deletes the temp dir, also after a start that failed half-way.
/// </summary>
internal sealed class LiveStack : IAsyncDisposable
{
    public const string Service = "checkout";
    private const int StartAttempts = 3;
    private readonly List<ChildProcess> _children = [];
    private readonly Lock _gate = new();
    private int _disposed;

    private readonly (int Baseline, int Canary, int Prometheus)? _ports;

    private LiveStack(string tempDir, string adminToken, (int Baseline, int Canary, int Prometheus)? ports)
    {
        TempDir = tempDir;
        AdminToken = adminToken;
        _ports = ports;
    }

    /// <summary>A random token for the demo services' admin endpoint; handed to children through the environment, never printed.</summary>
    public string AdminToken { get; }

    public string TempDir { get; }

    public Uri Baseline { get; private set; } = null!;

    public Uri Canary { get; private set; } = null!;

    public Uri Prometheus { get; private set; } = null!;

    /// <summary>The process ids of everything started so far (for tests that check nothing is left).</summary>
    public IReadOnlyList<int> ProcessIds
    {
        get
        {
            lock (_gate)
            {
                return [.. _children.Select(c => c.Id)];
            }
        }
    }

    /// <summary>A stack with its temp dir and token, nothing started yet (so a signal handler can hold it before anything starts).</summary>
    /// <param name="adminToken">The admin token to hand the services (from <c>CHECKOUT_ADMIN_TOKEN</c>), or null for a random one.</param>
    /// <param name="ports">Fixed ports (baseline, canary, Prometheus), or null for free ones.</param>
    public static LiveStack Create(string? adminToken = null, (int Baseline, int Canary, int Prometheus)? ports = null) =>
        new(Directory.CreateTempSubdirectory("lumen-demo-live-").FullName,
            string.IsNullOrEmpty(adminToken) ? Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)) : adminToken,
            ports);

    /// <summary>
    /// Starts everything and waits until Prometheus has scraped both instances. Null when ready, else why not;
    /// the caller disposes the stack either way, which stops whatever was started.
    /// </summary>
    public async Task<string?> StartAsync(string dotnet, string demoServiceDll, string prometheus, int seed,
        HttpClient http, Action<string> say, CancellationToken cancellationToken)
    {
        string? error;
        (Baseline, error) = await StartServiceAsync(dotnet, demoServiceDll, "baseline", seed, http, cancellationToken).ConfigureAwait(false);
        if (error is null)
        {
            say($"demo service {Service}/baseline on {Baseline} (pid {LastId})");
            (Canary, error) = await StartServiceAsync(dotnet, demoServiceDll, "canary", seed + 1, http, cancellationToken).ConfigureAwait(false);
        }

        if (error is null)
        {
            say($"demo service {Service}/canary on {Canary} (pid {LastId})");
            (Prometheus, error) = await StartPrometheusAsync(prometheus, http, cancellationToken).ConfigureAwait(false);
        }

        if (error is null)
        {
            say($"prometheus on {Prometheus} (pid {LastId}; scraping both every 1 s, storage in {TempDir})");
            error = await WaitScrapedAsync(http, cancellationToken).ConfigureAwait(false);
        }

        return error;
    }

    private int LastId
    {
        get
        {
            lock (_gate)
            {
                return _children[^1].Id;
            }
        }
    }

    private ChildProcess Launch(string name, string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        lock (_gate)
        {
            // A signal may have stopped everything while we were getting here: start nothing more.
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var child = ChildProcess.Start(name, fileName, args, env);
            _children.Add(child);
            return child;
        }
    }

    private async Task<(Uri Url, string? Error)> StartServiceAsync(string dotnet, string dll, string track, int seed, HttpClient http,
        CancellationToken cancellationToken)
    {
        string? error = null;
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            var port = _ports is { } fixedPorts ? (track == "canary" ? fixedPorts.Canary : fixedPorts.Baseline) : LoopbackPort.Next();
            var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
            var child = Launch($"{Service}/{track}", dotnet,
                [dll, "--service", Service, "--track", track, "--urls", url.ToString().TrimEnd('/'), "--seed", seed.ToString(CultureInfo.InvariantCulture)],
                new Dictionary<string, string> { ["DEMO_ADMIN_TOKEN"] = AdminToken, ["ASPNETCORE_ENVIRONMENT"] = "Production" });
            error = await Readiness.WaitAsync(child, async ct =>
            {
                using var response = await http.GetAsync(new Uri(url, "healthz"), ct).ConfigureAwait(false);
                return response.IsSuccessStatusCode;
            }, "/healthz", attempts: 150, TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                return (url, null);
            }

            error += Explain(child);
            await child.DisposeAsync().ConfigureAwait(false);
        }

        return (null!, error);
    }

    private async Task<(Uri Url, string? Error)> StartPrometheusAsync(string binary, HttpClient http, CancellationToken cancellationToken)
    {
        var config = Path.Combine(TempDir, "prometheus.yml");
        await File.WriteAllTextAsync(config, ScrapeConfig(Baseline, Canary), cancellationToken).ConfigureAwait(false);
        string? error = null;
        for (var attempt = 0; attempt < StartAttempts; attempt++)
        {
            var port = _ports?.Prometheus ?? LoopbackPort.Next();
            var url = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/"));
            var child = Launch("prometheus", binary,
            [
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(TempDir, "data")}",
                string.Create(CultureInfo.InvariantCulture, $"--web.listen-address=127.0.0.1:{port}"),
                "--log.level=warn",
            ]);
            error = await Readiness.WaitAsync(child, async ct =>
            {
                using var response = await http.GetAsync(new Uri(url, "-/ready"), ct).ConfigureAwait(false);
                return response.IsSuccessStatusCode;
            }, "/-/ready", attempts: 150, TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                return (url, null);
            }

            error += Explain(child);
            await child.DisposeAsync().ConfigureAwait(false);
        }

        return (null!, error);
    }

    /// <summary>A 1 s scrape of both instances; the instances label their own series with service and track.</summary>
    public static string ScrapeConfig(Uri baseline, Uri canary)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(canary);
        return string.Create(CultureInfo.InvariantCulture, $"""
            global:
              scrape_interval: 1s
              scrape_timeout: 900ms
              evaluation_interval: 1s
            scrape_configs:
              - job_name: lumen-demo-live
                static_configs:
                  - targets: ['{baseline.Authority}', '{canary.Authority}']

            """);
    }

    private async Task<string?> WaitScrapedAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var prometheus = _children[^1];
        var query = new Uri(Prometheus, "api/v1/query?query=" + Uri.EscapeDataString("count(up{job=\"lumen-demo-live\"} == 1)"));
        return await Readiness.WaitAsync(prometheus, async ct =>
        {
            var parsed = PromResponseParser.Parse(await http.GetStringAsync(query, ct).ConfigureAwait(false));
            return parsed.Data is { Series: [{ Samples: [{ Value: 2 }] }] };
        }, "both demo services scraped", attempts: 100, TimeSpan.FromMilliseconds(300), cancellationToken).ConfigureAwait(false);
    }

    private static string Explain(ChildProcess child) => child.Tail() is { Length: > 0 } tail ? $"\n{child.Name} said:\n{tail}" : "";

    /// <summary>Kills every child at once, without waiting (for Ctrl-C, SIGTERM and process exit).</summary>
    public void KillAll()
    {
        lock (_gate)
        {
            Volatile.Write(ref _disposed, 1);
            foreach (var child in _children)
            {
                child.Kill();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        ChildProcess[] children;
        lock (_gate)
        {
            Volatile.Write(ref _disposed, 1);
            children = [.. _children];
        }

        // Prometheus first (it was started last), then the services; each is stopped even if another fails.
        foreach (var child in children.Reverse())
        {
            await child.DisposeAsync().ConfigureAwait(false);
        }

        try
        {
            Directory.Delete(TempDir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A temp dir left behind is not worth failing the demo for.
        }
    }
}

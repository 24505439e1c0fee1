using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.DemoService;
using Lumen.Core.Ledger;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Soak;

/// <summary>
/// Runs one soak (docs/reliability.md, "Soak"): two demo-service instances (baseline and canary) in
/// this process, a real Prometheus scraping them, a fault proxy in front of Prometheus and one in front
/// of the canary's admin endpoint, <c>lumen run</c> as a child process, and the seeded schedule of
/// faults; then a drain (the load stops, every open adjustment must come back), a clean stop, and the
/// accounting from the ledger and from the target's own knob.
/// </summary>
internal sealed partial class SoakRunner : IAsyncDisposable
{
    private const string AdminToken = "soak-admin-token";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(SoakLumenConfig.IntervalSeconds);
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(SoakLumenConfig.TtlMinutes);

    private readonly SoakOptions _options;
    private readonly TextWriter _log;
    private readonly TimeProvider _time = TimeProvider.System;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly string _root = Directory.CreateTempSubdirectory("lumen-soak-").FullName;
    private readonly List<IAsyncDisposable> _parts = [];
    private readonly List<BlockedWindow> _blocked = [];
    private readonly Dictionary<string, int> _faults = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _exits = new(StringComparer.Ordinal);
    private readonly List<string> _problems = [];
    private readonly List<string> _diskChecks = [];
    private readonly List<string> _leftOut = [];

    private WebApplication _baseline = null!;
    private WebApplication _canary = null!;
    private Uri _baselineUrl = null!;
    private Uri _canaryUrl = null!;
    private PrometheusProcess _prometheus = null!;
    private FaultProxy _promProxy = null!;
    private FaultProxy _targetProxy = null!;
    private BackgroundLoad? _load;
    private DiskFault? _disk;
    private ClockFault? _clock;
    private LumenChild? _child;
    private Dictionary<string, string> _env = null!;
    private string _stateDir = null!;
    private readonly int _port = FreePort.Next();

    private SoakRunner(SoakOptions options, TextWriter log)
    {
        _options = options;
        _log = log;
    }

    private string LedgerPath => Path.Combine(_stateDir, "proof_ledger.jsonl");

    private Uri CanaryConfig => new(_canaryUrl, "admin/config");

    private static SoakRunner? s_current;

    public static async Task<SoakReport> RunAsync(SoakOptions options, TextWriter log)
    {
        ArgumentNullException.ThrowIfNull(options);
        await using var runner = new SoakRunner(options, log);
        s_current = runner;
        try
        {
            return await runner.RunAsync();
        }
        finally
        {
            s_current = null;
        }
    }

    /// <summary>On SIGINT/SIGTERM of the driver: nothing it started may outlive it (the loop, Prometheus, the tmpfs mount).</summary>
    public static void EmergencyStop()
    {
        if (s_current is not { } runner)
        {
            return;
        }

        runner._child?.Dispose();
        runner._prometheus?.KillAsync().GetAwaiter().GetResult();
        runner._disk?.Dispose();
    }

    private void Say(string message) =>
        _log.WriteLine($"[{_time.GetUtcNow():HH:mm:ss}] {message}");

    private async Task<SoakReport> RunAsync()
    {
        var started = _time.GetUtcNow();
        var machine = Machine();
        var kinds = (_options.Kinds ?? Enum.GetValues<FaultKind>()).ToList();
        if (kinds.Contains(FaultKind.DiskFull))
        {
            _disk = DiskFault.TryMount(64, out var why);
            if (_disk is null)
            {
                kinds.Remove(FaultKind.DiskFull);
                _leftOut.Add($"enospc: {why}");
            }
        }

        if (kinds.Contains(FaultKind.ClockJump))
        {
            _clock = ClockFault.TryFind(_root, out var why);
            if (_clock is null)
            {
                kinds.Remove(FaultKind.ClockJump);
                _leftOut.Add($"clock-jump: {why}");
            }
        }

        await StartWorldAsync();
        var baselineConfig = await KnobWatcher.ReadConfigAsync(_http, CanaryConfig, AdminToken, CancellationToken.None);
        var baselineValue = baselineConfig.GetProperty(SoakLumenConfig.Knob).GetDouble();
        await using var watcher = new KnobWatcher(_http, CanaryConfig, AdminToken, SoakLumenConfig.Knob, baselineValue, _time, TimeSpan.FromMilliseconds(200));
        StartLumen();
        Say($"lumen run started; state directory {_stateDir}");

        // Warm-up: the first adjustment lands before the first fault.
        var warm = await WaitForAsync(() => LedgerAudit.Read(LedgerPath).Any(e => e.Kind == LedgerKinds.AdjustmentApplied), TimeSpan.FromSeconds(90));
        foreach (var line in _child!.Output.Split('\n').Where(l => l.StartsWith("backfill", StringComparison.Ordinal)))
        {
            Say("lumen: " + line.Trim());
        }

        if (!warm)
        {
            _problems.Add("no adjustment was applied in the 90 s warm-up");
        }

        var schedule = SoakSchedule.Generate(_options.Seed, _options.FaultPhase, kinds, _options.GapMin, _options.GapMax);
        Say($"schedule: {schedule.Count} faults over {_options.FaultPhase.TotalMinutes:0.##} min (seed {_options.Seed})");
        var phaseStart = _time.GetUtcNow();
        foreach (var fault in schedule)
        {
            await SuperviseUntilAsync(phaseStart + fault.At);
            await InjectAsync(fault);
            var name = FaultKinds.Name(fault.Kind);
            _faults[name] = _faults.GetValueOrDefault(name) + 1;
        }

        await SuperviseUntilAsync(phaseStart + _options.FaultPhase);
        await DrainAsync();
        await watcher.DisposeAsync();

        var finalConfig = await KnobWatcher.ReadConfigAsync(_http, CanaryConfig, AdminToken, CancellationToken.None);
        return Account(started, machine, baselineConfig, finalConfig, watcher.Episodes);
    }

    private async Task StartWorldAsync()
    {
        (_baseline, _baselineUrl) = await StartDemoAsync("baseline", 1);
        (_canary, _canaryUrl) = await StartDemoAsync("canary", 2);
        var promDir = Directory.CreateDirectory(Path.Combine(_root, "prometheus")).FullName;
        _prometheus = await PrometheusProcess.StartAsync([_baselineUrl, _canaryUrl], promDir, _http);
        _parts.Add(_prometheus);
        _promProxy = await FaultProxy.StartAsync(_prometheus.Url, _options.Seed + 1, _time);
        _parts.Add(_promProxy);
        _targetProxy = await FaultProxy.StartAsync(_canaryUrl, _options.Seed + 2, _time);
        _parts.Add(_targetProxy);
        _load = new BackgroundLoad([_baselineUrl, _canaryUrl], workersPerUrl: 1);
        if (!await WaitForAsync(async () => await QueryAsync("count(http_requests_received_total{service=\"checkout\"})") == 2, TimeSpan.FromSeconds(60)))
        {
            throw new InvalidOperationException("Prometheus did not scrape both demo instances within 60 s");
        }

        _stateDir = Path.Combine(_disk?.MountPoint ?? _root, "state");
        Directory.CreateDirectory(_stateDir);
        var configDir = Path.Combine(_root, "config");
        SoakLumenConfig.Write(configDir, _promProxy.Url, new Uri(_targetProxy.Url, "admin/config"), new Uri(_baselineUrl, "admin/config"));
        _env = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [SoakLumenConfig.TokenEnv] = AdminToken,
            ["LUMEN_CONFIG_DIR"] = configDir,
            ["LUMEN_STATE_DIR"] = _stateDir,
            ["LUMEN_LEASE_HOLDER"] = "soak",
        };
        foreach (var (k, v) in _clock?.Environment ?? new Dictionary<string, string>())
        {
            _env[k] = v;
        }
    }

    private async Task<(WebApplication App, Uri Url)> StartDemoAsync(string track, int seed)
    {
        string[] args =
        [
            "--service", "checkout", "--track", track, "--urls", "http://127.0.0.1:0",
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--time-scale", "0.2",
        ];
        var app = DemoApp.Build(args, TimeProvider.System, name => name == "DEMO_ADMIN_TOKEN" ? AdminToken : null);
        await app.StartAsync();
        _parts.Add(app);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return (app, new Uri(address + "/"));
    }

    private void StartLumen()
    {
        _child?.Dispose();
        // A port of its own for /metrics and /readyz: the default 9478 may be taken (another soak, a real lumen).
        _child = LumenChild.Start(_env, _time.GetUtcNow(), "run", "--stage", "dev", "--port", _port.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Starts lumen again and waits until its ledger says it opened; the loop is blocked from <paramref name="since"/> until then.</summary>
    private async Task RestartAsync(DateTimeOffset since, string why)
    {
        var opened = LedgerAudit.Read(LedgerPath).Count(e => e.Kind == LedgerKinds.LedgerOpened);
        StartLumen();
        await WaitForAsync(() => LedgerAudit.Read(LedgerPath).Count(e => e.Kind == LedgerKinds.LedgerOpened) > opened || _child!.HasExited, TimeSpan.FromSeconds(60));
        _blocked.Add(new BlockedWindow(since, _time.GetUtcNow() + Interval, why));
    }

    private void CountExit(int code)
    {
        var key = code.ToString(CultureInfo.InvariantCulture);
        _exits[key] = _exits.GetValueOrDefault(key) + 1;
    }

    /// <summary>Waits until <paramref name="until"/>; a lumen that exited on its own meanwhile is a finding, and is started again.</summary>
    private async Task SuperviseUntilAsync(DateTimeOffset until)
    {
        while (_time.GetUtcNow() < until)
        {
            if (_child is { HasExited: true } gone)
            {
                var code = gone.ExitCode;
                CountExit(code);
                _problems.Add($"lumen run exited on its own with {code}: {Tail(gone.Output)}");
                Say($"lumen run exited on its own with {code}; starting it again");
                await RestartAsync(_time.GetUtcNow(), "unexpected exit");
            }

            var left = until - _time.GetUtcNow();
            await Task.Delay(left < TimeSpan.FromMilliseconds(200) ? left > TimeSpan.Zero ? left : TimeSpan.Zero : TimeSpan.FromMilliseconds(200));
        }
    }

    private async Task<bool> WaitForAsync(Func<bool> condition, TimeSpan limit) =>
        await WaitForAsync(() => Task.FromResult(condition()), limit);

    private async Task<bool> WaitForAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var deadline = _time.GetUtcNow() + limit;
        while (_time.GetUtcNow() < deadline)
        {
            try
            {
                if (await condition())
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or JsonException or TaskCanceledException)
            {
                // Not yet.
            }

            await Task.Delay(250);
        }

        return false;
    }

    /// <summary>An instant query straight to Prometheus (not through the fault proxy); NaN when there is no answer.</summary>
    private async Task<double> QueryAsync(string query)
    {
        var body = await _http.GetStringAsync(new Uri(_prometheus.Url, "api/v1/query?query=" + Uri.EscapeDataString(query)));
        var result = JsonNode.Parse(body)?["data"]?["result"] as JsonArray;
        return result is [{ } first] && first["value"] is JsonArray { Count: 2 } value
            && double.TryParse(value[1]!.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : double.NaN;
    }

    private static string Tail(string output)
    {
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return string.Join(" | ", lines.TakeLast(3)).Trim();
    }

    private static string Machine()
    {
        var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        return $"{Environment.ProcessorCount} cores, load average {load} at the start, {Environment.OSVersion}";
    }

    public async ValueTask DisposeAsync()
    {
        if (_child is not null)
        {
            await _child.Kill9Async();
            _child.Dispose();
        }

        if (_load is not null)
        {
            await _load.DisposeAsync();
        }

        foreach (var part in Enumerable.Reverse(_parts))
        {
            try
            {
                await part.DisposeAsync();
            }
            catch (Exception ex) when (ex is InvalidOperationException or TimeoutException or ObjectDisposedException or IOException)
            {
                // Keep stopping the others.
            }
        }

        _disk?.Dispose();
        _http.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp dir left behind is not worth failing the soak for.
        }
    }
}

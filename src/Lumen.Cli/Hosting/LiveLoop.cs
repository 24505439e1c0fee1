using System.Security.Cryptography;
using Lumen.Adapters.Config;
using Lumen.Adapters.Executors;
using Lumen.Adapters.FileSystem;
using Lumen.Adapters.LedgerStore;
using Lumen.Adapters.Prometheus;
using Lumen.Adapters.Textfile;
using Lumen.Cli.Composition;
using Lumen.Core.Adjustments;
using Lumen.Core.Leases;
using Lumen.Core.Policy;
using Lumen.Runtime.Loop;

namespace Lumen.Cli.Hosting;

/// <summary>
/// The live composition of the control loop (docs/live.md, "lumen run"): Prometheus as the SLI source,
/// the executors of <c>services.yaml</c>, the file ledger in the state directory and the textfile
/// publisher. <c>lumen run</c>, <c>lumen demo --live</c> and the integration tests all build the loop
/// here. Disposing writes the adjustment snapshot and closes (flushes) the ledger.
/// </summary>
internal sealed class LiveLoop : IAsyncDisposable
{
    /// <summary>The environment variable naming a PEM key to sign the ledger head with (optional).</summary>
    public const string LedgerKeyFileEnv = "LUMEN_LEDGER_KEY_FILE";

    private readonly FileLedgerStoreOptions _ledgerOptions;
    private readonly LiveLoopOptions _options;
    private readonly HttpClient _prometheusHttp;
    private readonly HttpClient _executorHttp;
    private int _disposed;

    /// <summary>The environment variable naming this process as a lease holder (default <c>host:state-dir</c>).</summary>
    public const string LeaseHolderEnv = "LUMEN_LEASE_HOLDER";

    private LiveLoop(ControlLoop loop, FileLedgerStore ledger, PublishedMetrics metrics, StageConfig stage, string stateDir,
        PrometheusSliSource source, TimeProvider time, HttpClient prometheusHttp, HttpClient executorHttp,
        FileLedgerStoreOptions ledgerOptions, LiveLoopOptions options, DiskReserve? reserve)
    {
        _ledgerOptions = ledgerOptions;
        _options = options;
        Reserve = reserve;
        Time = time;
        Loop = loop;
        Ledger = ledger;
        Metrics = metrics;
        Stage = stage;
        StateDir = stateDir;
        Source = source;
        _prometheusHttp = prometheusHttp;
        _executorHttp = executorHttp;
    }

    public ControlLoop Loop { get; }

    /// <summary>The loop's clock.</summary>
    public TimeProvider Time { get; }

    public FileLedgerStore Ledger { get; private set; }

    /// <summary>The space kept back for a full disk; null when none is kept.</summary>
    public DiskReserve? Reserve { get; }

    public PublishedMetrics Metrics { get; }

    /// <summary>The stage as the loop runs it: file values, environment overrides, then <see cref="LiveLoopOptions"/>.</summary>
    public StageConfig Stage { get; }

    public string StateDir { get; }

    public PrometheusSliSource Source { get; }

    public string LedgerPath => Path.Combine(StateDir, FileLedgerStoreOptions.DefaultFileName);

    /// <summary>
    /// Composes the loop. Every config problem (missing stage, an executor that cannot be built, a
    /// token that is not set, bad Prometheus credentials) is returned before the ledger is opened, so
    /// a bad start changes nothing.
    /// </summary>
    public static async Task<LiveLoopBuild> BuildAsync(LumenSettings settings, IEnvironmentVariables env, LiveLoopOptions options,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(env);
        ArgumentNullException.ThrowIfNull(options);
        if (settings.Stage is not { } fileStage)
        {
            return LiveLoopBuild.Failed(["no stage chosen: pass --stage or set LUMEN_STAGE"]);
        }

        var stage = WithOverrides(fileStage, options);
        var errors = new List<string>();
        var secrets = new SecretReader(env);
        var (auth, authError) = PrometheusAuthReader.Read(secrets);
        if (authError is not null)
        {
            errors.Add(authError);
        }

        var executorHttp = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var prometheusHttp = PrometheusHttp.CreateClient();
        try
        {
            var services = settings.Config.Services.Services;
            var executors = LoopParts.Executors(services, secrets, executorHttp, options.LoopTime, lease: true);
            errors.AddRange(executors.Errors);
            if (errors.Count > 0)
            {
                Dispose(prometheusHttp, executorHttp);
                return LiveLoopBuild.Failed(errors);
            }

            var interval = stage.Policy.Interval;
            var staleAfter = Max(2 * interval, TimeSpan.FromSeconds(10));
            var source = LoopParts.PrometheusSli(services, LoopParts.Prometheus(stage, auth, options.PrometheusTimeout, options.PrometheusRetries),
                prometheusHttp, options.Time, staleAfter);
            var (sli, lokiError) = Adapters.Loki.LokiSliSources.Compose(source, services, stage, env,
                prometheusHttp, options.Time, staleAfter, options.PrometheusTimeout);
            if (sli is null)
            {
                Dispose(prometheusHttp, executorHttp);
                return LiveLoopBuild.Failed([lokiError!]);
            }

            var (coordinator, coordinationError) = LoopParts.Coordinator(stage, env, options.LoopTime);
            if (coordinator is null)
            {
                Dispose(prometheusHttp, executorHttp);
                return LiveLoopBuild.Failed([$"stage_matrix.yaml: stages.{stage.Name}.coordination: {coordinationError}"]);
            }

            var config = settings.Config with
            {
                StageMatrix = new StageMatrix([.. settings.Config.StageMatrix.Stages.Select(s => s.Name == stage.Name ? stage : s)]),
            };
            Directory.CreateDirectory(options.StateDir);
            // The reserve first: a disk that is already full stops here with the disk-full error, before anything is written.
            var reserve = options.ReserveBytes > 0 ? DiskReserve.Create(options.StateDir, options.ReserveBytes) : null;
            var ledgerOptions = FileLedgerStoreOptions.InStateDirectory(options.StateDir) with
            {
                SigningKeyPath = env.Get(LedgerKeyFileEnv) is { Length: > 0 } k ? k : null,
            };
            var ledger = await OpenLedgerAsync(ledgerOptions, options, cancellationToken).ConfigureAwait(false);
            var metrics = new PublishedMetrics(new TextfilePublisher(options.StateDir));
            try
            {
                var loopOptions = LoopOptionsFor(settings, config, stage, env, options,
                    options.Backfill ? LoopParts.PrometheusSli(services, LoopParts.Prometheus(stage, auth, options.BackfillTimeout, options.PrometheusRetries),
                        prometheusHttp, options.Time, tracks: [Core.Sli.SliTracks.Canary]) : null);
                var ports = new LoopPorts(sli, executors.On(Core.Sli.SliTracks.Canary), executors.On(Core.Sli.SliTracks.Baseline), ledger, metrics,
                    new StateDirectory(options.StateDir), options.LoopTime)
                {
                    Coordinator = coordinator,
                    Leases = executors.Leases(),
                };
                var loop = await LoopBuilder.BuildAsync(loopOptions, ports, cancellationToken).ConfigureAwait(false);
                return new LiveLoopBuild(
                    new LiveLoop(loop, ledger, metrics, stage, Path.GetFullPath(options.StateDir), source, options.LoopTime, prometheusHttp, executorHttp,
                        ledgerOptions, options, reserve), []);
            }
            catch
            {
                await ledger.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        catch
        {
            Dispose(prometheusHttp, executorHttp);
            throw;
        }
    }

    /// <summary>The stage as the loop runs it: file values and environment overrides, then <see cref="LiveLoopOptions"/>.</summary>
    private static StageConfig WithOverrides(StageConfig fileStage, LiveLoopOptions options) => fileStage with
    {
        Policy = fileStage.Policy with
        {
            IntervalSeconds = options.IntervalSeconds ?? fileStage.Policy.IntervalSeconds,
            TtlMinutes = options.TtlMinutes ?? fileStage.Policy.TtlMinutes,
            DryRun = options.DryRun ?? fileStage.Policy.DryRun,
        },
    };

    /// <summary>The loop's options: shadow mode, the rhythm, the config's hash, the lease holder, and a history of one period per service
    /// (backfilled from <paramref name="backfill"/> when set).</summary>
    private static LoopOptions LoopOptionsFor(LumenSettings settings, LumenConfig config, StageConfig stage, IEnvironmentVariables env, LiveLoopOptions options,
        PrometheusSliSource? backfill)
    {
        var loopOptions = new LoopOptions(config, stage.Name)
        {
            DryRun = stage.Policy.DryRun,
            Rhythm = options.Rhythm ?? Core.Rhythm.RhythmOptions.Default,
            ConfigSha256 = ConfigSha256(settings.ConfigDir),
            KeepHistory = true,
            StartLog = options.StartLog,
            LeaseHolder = options.LeaseHolder ?? (env.Get(LeaseHolderEnv) is { Length: > 0 } holder ? holder
                : $"{Environment.MachineName}:{Path.GetFullPath(options.StateDir)}"),
        };
        return loopOptions with
        {
            // One period of samples per service at the loop's interval, and never less than the default.
            HistoryCapacity = Math.Max(loopOptions.HistoryCapacity, (int)Math.Min(1_000_000, Math.Ceiling(
                settings.Config.Services.Services.Select(s => loopOptions.RhythmFor(s).Period).DefaultIfEmpty(TimeSpan.Zero).Max() / stage.Policy.Interval) + 1)),
            HistorySource = backfill is null ? null : new PrometheusHistorySource(backfill),
        };
    }

    private static Task<FileLedgerStore> OpenLedgerAsync(FileLedgerStoreOptions ledgerOptions, LiveLoopOptions options, CancellationToken cancellationToken) =>
        options.LedgerIo is { } io
            ? FileLedgerStore.OpenAsync(ledgerOptions, options.LoopTime, io, cancellationToken)
            : FileLedgerStore.OpenAsync(ledgerOptions, options.LoopTime, cancellationToken);

    /// <summary>
    /// After a ledger write failed because the disk is full (docs/reliability.md): releases the reserve,
    /// reopens the ledger (repairing a torn tail), restores and ledgers every open adjustment, and
    /// publishes the metrics (the fault shows in <c>lumen_ledger_write_failures_total</c>). The caller
    /// stops the process then. Returns the restore pass's report.
    /// </summary>
    public async Task<TickReport> RecoverFromDiskFullAsync(string detail, CancellationToken cancellationToken)
    {
        Reserve?.Release();
        var faulted = Ledger;
        await faulted.DisposeAsync().ConfigureAwait(false);
        Ledger = await OpenLedgerAsync(_ledgerOptions, _options with { LedgerIo = null }, cancellationToken).ConfigureAwait(false);
        Loop.ReplaceLedger(Ledger);
        var report = await Loop.RestoreAllAsync("disk_full", detail, cancellationToken).ConfigureAwait(false);
        await Loop.PublishFaultAsync(cancellationToken).ConfigureAwait(false);
        return report;
    }

    /// <summary>SHA-256 over the config files in their fixed order (for <c>config.loaded</c>).</summary>
    private static string ConfigSha256(string configDir)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in ConfigFiles.All)
        {
            var path = Path.Combine(configDir, name);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(name + "\n"));
            if (File.Exists(path))
            {
                hash.AppendData(File.ReadAllBytes(path));
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static void Dispose(params HttpClient[] clients)
    {
        foreach (var c in clients)
        {
            c.Dispose();
        }
    }

    /// <summary>Writes the adjustment snapshot and the mappers' history (best effort) and closes the ledger, which flushes and fsyncs it.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            if (!Ledger.IsFaulted)
            {
                await Loop.ReleaseLeasesAsync(CancellationToken.None).ConfigureAwait(false);
                await Loop.WriteSnapshotAsync(CancellationToken.None).ConfigureAwait(false);
            }

            await Loop.WriteHistoryAsync(CancellationToken.None).ConfigureAwait(false);
            await Loop.WriteTunerAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch (IOException)
        {
            // The snapshot is only a speed-up; the ledger is the truth.
        }
        finally
        {
            await Loop.ReleaseClaimsAsync(CancellationToken.None).ConfigureAwait(false);
            await Ledger.DisposeAsync().ConfigureAwait(false);
            Dispose(_prometheusHttp, _executorHttp);
        }
    }
}

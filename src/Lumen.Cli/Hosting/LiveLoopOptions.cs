using Lumen.Core.Rhythm;

namespace Lumen.Cli.Hosting;

/// <summary>How <see cref="LiveLoop"/> composes the loop beyond what the config says (docs/live.md, "lumen run").</summary>
/// <param name="StateDir">The state directory: ledger, head file, snapshot, models, <c>lumen.prom</c>.</param>
/// <param name="Time">The process's clock, as the composition root registers it: the HTTP timeouts and retries of the
/// Prometheus queries always use it, so a fake <see cref="LoopTime"/> never stalls I/O.</param>
internal sealed record LiveLoopOptions(string StateDir, TimeProvider Time)
{
    private readonly TimeProvider? _loopTime;

    /// <summary>The loop's clock (ticks, TTLs, ledger timestamps). Default <see cref="Time"/>; tests pass a fake.</summary>
    public TimeProvider LoopTime
    {
        get => _loopTime ?? Time;
        init => _loopTime = value;
    }

    /// <summary>How the mapper reads the history. Default <see cref="RhythmOptions.Default"/> (a 24 h cycle);
    /// <c>lumen demo --live</c> compresses the day into minutes.</summary>
    public RhythmOptions? Rhythm { get; init; }

    /// <summary>Replaces the stage's <c>interval_seconds</c> (the live demo ticks every few seconds).</summary>
    public int? IntervalSeconds { get; init; }

    /// <summary>Replaces the stage's <c>ttl_minutes</c>.</summary>
    public int? TtlMinutes { get; init; }

    /// <summary>Replaces shadow mode after <c>DRY_RUN</c> and the stage policy.</summary>
    public bool? DryRun { get; init; }

    /// <summary>Client-side timeout of one Prometheus query attempt. Default 10 s.</summary>
    public TimeSpan? PrometheusTimeout { get; init; }

    /// <summary>Read the missing canary history from Prometheus before the first tick (docs/live.md, "Backfill").
    /// Default false; <c>lumen run</c> turns it on (the live demo's Prometheus starts empty).</summary>
    public bool Backfill { get; init; }

    /// <summary>Client-side timeout of one backfill range query. Default 30 s.</summary>
    public TimeSpan BackfillTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Receives the backfill's progress and summary lines; null = none.</summary>
    public IProgress<string>? StartLog { get; init; }

    /// <summary>Bytes kept back in the state directory for a full disk (<c>lumen.reserve</c>, docs/reliability.md). Default 8 MiB; 0 = none.</summary>
    public long ReserveBytes { get; init; } = Adapters.LedgerStore.DiskReserve.DefaultBytes;

    /// <summary>Who this process is when it takes a target's lease. Default <c>LUMEN_LEASE_HOLDER</c>, else <c>host:state-dir</c>.</summary>
    public string? LeaseHolder { get; init; }

    /// <summary>The ledger's durable-write steps; tests inject faults (ENOSPC) here. Default the real ones.</summary>
    internal Adapters.LedgerStore.IDurableIo? LedgerIo { get; init; }

    /// <summary>Retries of a transient Prometheus failure. Default 2.</summary>
    public int PrometheusRetries { get; init; } = 2;
}

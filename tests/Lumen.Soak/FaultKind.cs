namespace Lumen.Soak;

/// <summary>The faults the soak injects (docs/reliability.md, "Soak"). Names on the command line are the kebab-case forms.</summary>
internal enum FaultKind
{
    /// <summary>Prometheus is killed and started again on the same port and storage (a few seconds without answers).</summary>
    PrometheusRestart,

    /// <summary>The proxy in front of Prometheus holds every query for a while, then drops it.</summary>
    PrometheusStall,

    /// <summary>The proxy in front of Prometheus answers 200 with a body that is not the query API's JSON.</summary>
    PrometheusGarbage,

    /// <summary>The proxy in front of the canary's admin endpoint answers 503 without forwarding.</summary>
    TargetServerError,

    /// <summary>The proxy in front of the canary's admin endpoint holds every request until the caller gives up; nothing is forwarded.</summary>
    TargetStall,

    /// <summary><c>lumen run</c> is killed with SIGKILL and started again.</summary>
    Kill9,

    /// <summary>The state directory's filesystem (a small tmpfs) is filled up: the loop must restore, ledger and exit 9; a restart while full must exit 9 too.</summary>
    DiskFull,

    /// <summary>The loop's wall clock jumps forward, and later back (libfaketime through LD_PRELOAD; the monotonic clock is left alone).</summary>
    ClockJump,
}

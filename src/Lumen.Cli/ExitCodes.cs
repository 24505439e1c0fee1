namespace Lumen.Cli;

/// <summary>Exit codes shared by every command; documented in docs/cli.md.</summary>
internal static class ExitCodes
{
    /// <summary>Success (for checks: valid / pass).</summary>
    public const int Ok = 0;

    /// <summary>The thing checked is invalid or failed (ledger verify, canary fail, health FAIL).</summary>
    public const int Failed = 1;

    /// <summary>Bad input: invalid configuration, arguments or files. Nothing was written.</summary>
    public const int BadInput = 2;

    /// <summary>Not enough evidence yet (canary inconclusive).</summary>
    public const int Inconclusive = 3;

    /// <summary>Not decided yet by a person: <c>lumen canary promote</c> waits for an approval (same number as <see cref="Inconclusive"/>: "not yet").</summary>
    public const int WaitingForApproval = 3;

    /// <summary>The feature is not built yet.</summary>
    public const int NotYet = 4;

    /// <summary>A runtime failure outside Lumen (I/O, an unreachable dependency).</summary>
    public const int RuntimeError = 5;

    /// <summary><c>lumen run --once</c>: the tick ran, but Prometheus (or Loki) failed: an SLI read was an error, not just missing data.</summary>
    public const int SliSourceFailed = 6;

    /// <summary><c>lumen run --once</c>: the tick ran, but an executor failed (a knob read, apply or restore); takes precedence over <see cref="SliSourceFailed"/>.</summary>
    public const int ExecutorFailed = 7;

    /// <summary><c>lumen run</c>: another controller holds the lease on a target (the message names the holder and its expiry); nothing was changed.</summary>
    public const int LeaseHeld = 8;

    /// <summary><c>lumen run</c>: the state directory's disk is full. The open adjustments were restored (and ledgered where space allowed) before it stopped.</summary>
    public const int DiskFull = 9;
}

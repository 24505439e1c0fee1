using System.ComponentModel.DataAnnotations;

namespace Lumen.Web.Security;

/// <summary>How hard guessing a secret is made (docs/security.md, "Sign-in throttling").</summary>
public sealed record AttemptThrottleOptions
{
    /// <summary>Failures per client before the backoff starts (default 5: a few typos are free).</summary>
    [Range(0, 100)]
    public int FreeFailures { get; init; } = 5;

    /// <summary>The first lock-out; each further failure doubles it (default 1 s: 1, 2, 4, 8 … s).</summary>
    public TimeSpan BaseLockout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest lock-out (default 15 min).</summary>
    public TimeSpan MaxLockout { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>A client's failures are forgotten after this long without one (default 1 h).</summary>
    public TimeSpan ForgetAfter { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Clients tracked at once (default 10,000); beyond it the stalest are forgotten, so memory is bounded.</summary>
    [Range(16, 1_000_000)]
    public int MaxClients { get; init; } = 10_000;

    /// <summary>Overall: attempts (from all clients together) allowed in a burst (default 30).</summary>
    [Range(1, 10_000)]
    public int OverallBurst { get; init; } = 30;

    /// <summary>Overall: one more attempt is allowed per this period (default 1 s, i.e. 60 a minute sustained).</summary>
    public TimeSpan OverallPeriod { get; init; } = TimeSpan.FromSeconds(1);
}

using System.Collections.Immutable;
using Lumen.Core.Canary;

namespace Lumen.Cli.Demo;

/// <summary>How the last act went: each service's promotion check, which were promoted, and the bad release's check and rollback.</summary>
internal sealed record DemoLastActResult(
    ImmutableDictionary<string, CanaryOutcome> Checks,
    ImmutableArray<string> Promoted,
    string ReleaseService,
    CanaryOutcome ReleaseCheck,
    bool RolledBack)
{
    /// <summary>The act's share of the demo's wall time.</summary>
    public TimeSpan Elapsed { get; init; }
}

using System.Collections.Immutable;
using Lumen.Core.Approvals;
using Lumen.Core.Coordination;
using Lumen.Web.Security;

namespace Lumen.Web.Console;

/// <summary>What the web console needs (docs/approvals.md, "Web console").</summary>
/// <param name="Token">The console token (<c>LUMEN_CONSOLE_TOKEN</c> or <c>_FILE</c>); never logged or rendered.</param>
/// <param name="Approvers">Who may decide in the console (<c>LUMEN_APPROVERS</c>; anyone holding the token when unset).</param>
/// <param name="Services">The configured services, shown in the status table.</param>
/// <param name="CanaryReportPath">The latest <c>canary_report.json</c>, shown when it exists.</param>
public sealed record ConsoleOptions(
    string Token,
    ApproverAllowlist Approvers,
    ImmutableArray<string> Services,
    string? CanaryReportPath,
    string? Stage = null)
{
    public const string TokenVariable = "LUMEN_CONSOLE_TOKEN";
    public const string PathBase = "/console";

    /// <summary>Extra origins a browser may POST from, comma-separated (e.g. <c>https://lumen.example</c> behind a reverse proxy).</summary>
    public const string OriginsVariable = "LUMEN_CONSOLE_ORIGINS";

    /// <summary>A session ends this long after sign-in, whatever happens (default 12 h).</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromHours(12);

    /// <summary>A session ends after this long without a request (default 1 h).</summary>
    public TimeSpan SessionIdle { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Origins accepted on POST besides the server's own (<see cref="OriginsVariable"/>).</summary>
    public ImmutableArray<string> AllowedOrigins { get; init; } = [];

    /// <summary>Sign-in and bearer throttling (backoff per client, a bucket overall).</summary>
    public AttemptThrottleOptions Throttle { get; init; } = new();

    /// <summary>Bounds on every form the console reads.</summary>
    public FormLimits Forms { get; init; } = FormLimits.Default;

    /// <summary>Per service, the mapper's warm-up in words ("ready (24 h of history)", "warming up: 4 h of 12 h, ready at …");
    /// null = not shown (the console runs without a loop).</summary>
    public Func<IReadOnlyDictionary<string, string>>? MapperStatus { get; init; }

    /// <summary>The loop's latest holdings (which replica holds which service, the live replicas, this
    /// replica's claims; docs/scale-out.md); null = not shown (the console runs without a loop).</summary>
    public Func<Holdings?>? FleetStatus { get; init; }

    public override string ToString() => $"console (token hidden, approvers: {Approvers})";
}

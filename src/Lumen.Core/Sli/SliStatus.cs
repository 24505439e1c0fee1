namespace Lumen.Core.Sli;

/// <summary>The outcome of reading one SLI for one interval (docs/configuration.md). Only <see cref="Ok"/> feeds a decision.</summary>
public enum SliStatus
{
    /// <summary>A finite value was read.</summary>
    Ok,

    /// <summary>The query succeeded but returned no series (no traffic, or the service is not scraped).</summary>
    Missing,

    /// <summary>A value exists but is older than the freshness limit.</summary>
    Stale,

    /// <summary>The value cannot be used: NaN, ±Inf, or several series where one was expected.</summary>
    Invalid,

    /// <summary>The query itself failed: HTTP or query error, timeout.</summary>
    Error,
}

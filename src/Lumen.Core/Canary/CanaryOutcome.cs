namespace Lumen.Core.Canary;

/// <summary>A canary verdict (or one gate's). No data is never <see cref="Pass"/>.</summary>
public enum CanaryOutcome
{
    /// <summary>Not enough evidence yet either way.</summary>
    Inconclusive,

    /// <summary>The canary meets every gate, with the configured confidence.</summary>
    Pass,

    /// <summary>The canary breaks a gate, with the configured confidence (or a measured breach).</summary>
    Fail,
}

namespace Lumen.Adapters.Slack;

/// <summary>The outcome of checking a Slack request's signature (<see cref="SlackSignatureVerifier"/>).</summary>
public enum SlackVerification
{
    Valid,

    /// <summary>A header is missing or malformed.</summary>
    Malformed,

    /// <summary>The timestamp is more than five minutes from now: a possible replay.</summary>
    Stale,

    /// <summary>The signature does not match: forged or signed with another secret.</summary>
    Forged,
}

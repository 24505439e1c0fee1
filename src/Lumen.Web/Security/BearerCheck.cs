namespace Lumen.Web.Security;

/// <summary>The outcome of <see cref="BearerGate.Check"/>.</summary>
public enum BearerCheck
{
    /// <summary>No <c>Authorization: Bearer</c> header: the caller may try another scheme (a session cookie).</summary>
    Absent,

    /// <summary>The right token.</summary>
    Valid,

    /// <summary>A wrong token (counted as a failure for the client).</summary>
    Invalid,

    /// <summary>The client or everyone is over the limit; the token was not checked.</summary>
    Throttled,
}

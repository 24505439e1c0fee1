namespace Lumen.Web.Security;

/// <summary>Whether an attempt may proceed; when not, how long the client should wait (the Retry-After).</summary>
public readonly record struct ThrottleDecision(bool Allowed, TimeSpan RetryAfter)
{
    public static ThrottleDecision Allow { get; } = new(true, TimeSpan.Zero);

    public static ThrottleDecision Wait(TimeSpan retryAfter) => new(false, retryAfter);
}

namespace Lumen.Core.Publishing;

/// <summary>Whether a snapshot was published; a failure (disk full, permissions) is a value the loop counts and logs.</summary>
public sealed record PublishResult(bool IsOk, string Reason)
{
    public static readonly PublishResult Ok = new(true, string.Empty);

    public static PublishResult Failed(string reason) => new(false, reason);
}

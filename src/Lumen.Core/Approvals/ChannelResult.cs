namespace Lumen.Core.Approvals;

/// <summary>Whether an announcement went out; <see cref="Reason"/> never contains a secret.</summary>
public sealed record ChannelResult(bool Ok, string Reason)
{
    public static ChannelResult Sent { get; } = new(true, "sent");

    public static ChannelResult Failed(string reason) => new(false, reason);
}

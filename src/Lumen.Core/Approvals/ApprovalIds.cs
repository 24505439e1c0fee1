using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lumen.Core.Approvals;

/// <summary>
/// Request ids: <c>apr-</c> and 10 hex digits of a SHA-256 over the plan and the request time.
/// Derived, not random, so the core stays deterministic; short enough to type in <c>lumen approve</c>.
/// </summary>
public static class ApprovalIds
{
    public const string Prefix = "apr-";

    public static string For(string stage, string service, string reportSha256, IEnumerable<PlannedChange> changes, DateTimeOffset requestedAt)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var text = new StringBuilder()
            .Append(stage).Append('|').Append(service).Append('|').Append(reportSha256).Append('|')
            .Append(requestedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));
        foreach (var c in changes)
        {
            text.Append('|').Append(c.Track).Append(':').Append(c.Knob).Append('=')
                .Append(c.From.ToString("R", CultureInfo.InvariantCulture)).Append("->")
                .Append(c.To.ToString("R", CultureInfo.InvariantCulture));
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Prefix + Convert.ToHexStringLower(hash)[..10];
    }

    /// <summary>A plausible id (used to refuse garbage from Slack payloads and URLs before any lookup).</summary>
    public static bool IsWellFormed(string? id) =>
        id is { Length: 14 } && id.StartsWith(Prefix, StringComparison.Ordinal)
        && id.AsSpan(Prefix.Length).IndexOfAnyExcept("0123456789abcdef") < 0;
}

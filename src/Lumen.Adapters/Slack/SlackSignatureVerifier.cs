using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lumen.Adapters.Slack;

/// <summary>
/// Slack's v0 request signing (https://api.slack.com/authentication/verifying-requests-from-slack):
/// <c>X-Slack-Signature = "v0=" + hex(HMAC-SHA256(signing secret, "v0:" + X-Slack-Request-Timestamp + ":" + raw body))</c>.
/// The comparison is constant-time, and a timestamp more than 300 s from now is refused so a
/// captured request cannot be replayed later. The clock is injected.
/// </summary>
public sealed class SlackSignatureVerifier(byte[] signingSecret, TimeProvider time)
{
    public static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(300);

    public const string SignatureHeader = "X-Slack-Signature";
    public const string TimestampHeader = "X-Slack-Request-Timestamp";

    public SlackVerification Verify(string? timestamp, string? signature, ReadOnlySpan<byte> rawBody)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signature)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || !signature.StartsWith("v0=", StringComparison.Ordinal) || signature.Length != 3 + 64)
        {
            return SlackVerification.Malformed;
        }

        var now = time.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)MaxSkew.TotalSeconds)
        {
            return SlackVerification.Stale;
        }

        byte[] given;
        try
        {
            given = Convert.FromHexString(signature.AsSpan(3));
        }
        catch (FormatException)
        {
            return SlackVerification.Malformed;
        }

        var expected = Sign(signingSecret, timestamp, rawBody);
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SlackVerification.Valid : SlackVerification.Forged;
    }

    /// <summary>The raw HMAC (what the header carries in hex after <c>v0=</c>).</summary>
    public static byte[] Sign(byte[] secret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var prefix = Encoding.UTF8.GetBytes("v0:" + timestamp + ":");
        var message = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(secret, message);
    }

    /// <summary>The header value Slack would send (used by tests and the docs' curl example).</summary>
    public static string Header(byte[] secret, string timestamp, ReadOnlySpan<byte> rawBody) =>
        "v0=" + Convert.ToHexStringLower(Sign(secret, timestamp, rawBody));
}

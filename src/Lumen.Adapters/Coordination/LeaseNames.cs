using System.Security.Cryptography;
using System.Text;

namespace Lumen.Adapters.Coordination;

/// <summary>
/// Kubernetes names for Lumen's Leases: a DNS subdomain (lower-case letters, digits, '-', '.', at
/// most 253 characters). A service or replica name that is not one already (capitals, '_', too
/// long) is folded and gets an 8-hex-digit hash of the original, so two names never share a Lease.
/// </summary>
public static class LeaseNames
{
    private const int MaxName = 253;
    private const int MaxLabel = 63;

    public static string Name(string prefix, string stage, string role, string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var plain = $"{prefix}-{stage}-{role}-{name}";
        var folded = Fold(plain);
        if (folded == plain && plain.Length <= MaxName)
        {
            return plain;
        }

        var hash = Hash(plain);
        var head = folded.Length > MaxName - 9 ? folded[..(MaxName - 9)].TrimEnd('-', '.') : folded;
        return $"{head}-{hash}";
    }

    /// <summary>A label value (≤ 63 characters of [A-Za-z0-9._-], alphanumeric at both ends).</summary>
    public static string LabelValue(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ok = text.Length <= MaxLabel && text.Length > 0 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')
            && char.IsAsciiLetterOrDigit(text[0]) && char.IsAsciiLetterOrDigit(text[^1]);
        if (ok)
        {
            return text;
        }

        var folded = Fold(text);
        var head = folded.Length > MaxLabel - 9 ? folded[..(MaxLabel - 9)].TrimEnd('-', '.') : folded;
        return head.Length == 0 ? Hash(text) : $"{head}-{Hash(text)}";
    }

    private static string Fold(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-');
        }

        return sb.ToString().Trim('-', '.');
    }

    private static string Hash(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 4));
}

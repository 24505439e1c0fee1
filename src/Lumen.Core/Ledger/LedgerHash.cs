using System.Buffers;
using System.Security.Cryptography;

namespace Lumen.Core.Ledger;

/// <summary>SHA-256 helpers for the chain: lowercase hex, 64 characters.</summary>
public static class LedgerHash
{
    /// <summary>The <c>prev</c> of the first entry: 64 zeros.</summary>
    public static readonly string Genesis = new('0', 64);

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>Lowercase hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(bytes, digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>True when <paramref name="value"/> is 64 lowercase hex digits.</summary>
    public static bool IsWellFormed(string value) => value.Length == 64 && !value.AsSpan().ContainsAnyExcept(LowerHex);

}

using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Lumen.Core.Ledger;

/// <summary>Compares a SHA-256 digest with a line's 64 lowercase hex digits without making a string.</summary>
internal static class LedgerHexDigest
{
    /// <summary>True when <paramref name="hex"/> is exactly the 64 lowercase hex digits of the 32-byte <paramref name="digest"/>.</summary>
    /// <remarks>
    /// On x86 the digits are made 16 at a time in vector registers (a table look-up per nibble, then the high
    /// and low nibbles interleaved) and compared there; elsewhere the runtime's hex encoder and a span compare.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Matches(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> hex)
    {
        if (digest.Length != 32 || hex.Length != 64)
        {
            return false;
        }

        if (!Ssse3.IsSupported)
        {
            Span<byte> text = stackalloc byte[64];
            return Convert.TryToHexStringLower(digest, text, out _) && text.SequenceEqual(hex);
        }

        var digits = Vector128.Create("0123456789abcdef"u8);
        var nibble = Vector128.Create((byte)0x0F);
        for (var i = 0; i < 32; i += 16)
        {
            var bytes = Vector128.Create(digest.Slice(i, 16));
            var high = Ssse3.Shuffle(digits, Vector128.ShiftRightLogical(bytes, 4) & nibble);
            var low = Ssse3.Shuffle(digits, bytes & nibble);
            if (Sse2.UnpackLow(high, low) != Vector128.Create(hex.Slice(2 * i, 16))
                || Sse2.UnpackHigh(high, low) != Vector128.Create(hex.Slice((2 * i) + 16, 16)))
            {
                return false;
            }
        }

        return true;
    }
}

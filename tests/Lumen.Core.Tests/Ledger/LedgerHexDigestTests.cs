using System.Security.Cryptography;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Ledger;

public sealed class LedgerHexDigestTests
{
    [Property(MaxTest = 5000)]
    public Property Matches_RandomDigestAndHex_SameAsHexStringCompare(int seed, NonNegativeInt position, byte value)
    {
        var random = new Random(seed);
        var digest = new byte[SHA256.HashSizeInBytes];
        random.NextBytes(digest);
        var hex = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(digest));
        if (random.Next(3) != 0)
        {
            // One byte changed, to anything (another digit, an uppercase letter, any byte at all).
            hex[position.Get % 64] = random.Next(2) == 0 ? value : (byte)"0123456789abcdefABCDEF"[random.Next(22)];
        }

        var expected = string.Equals(Encoding.ASCII.GetString(hex), Convert.ToHexStringLower(digest), StringComparison.Ordinal);
        return (LedgerHexDigest.Matches(digest, hex) == expected).Label(Encoding.ASCII.GetString(hex));
    }

    [Fact]
    public void Matches_EveryPositionAndEveryWrongByte_IsRejected()
    {
        var digest = SHA256.HashData("lumen"u8);
        var hex = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(digest));
        Assert.True(LedgerHexDigest.Matches(digest, hex));
        for (var at = 0; at < 64; at++)
        {
            for (var b = 0; b < 256; b++)
            {
                if (b == hex[at])
                {
                    continue;
                }

                var changed = (byte[])hex.Clone();
                changed[at] = (byte)b;
                Assert.False(LedgerHexDigest.Matches(digest, changed), $"{b} at {at}");
            }
        }

        Assert.False(LedgerHexDigest.Matches(digest, hex.AsSpan(0, 63)));
        Assert.False(LedgerHexDigest.Matches(digest.AsSpan(0, 31), hex));
    }
}

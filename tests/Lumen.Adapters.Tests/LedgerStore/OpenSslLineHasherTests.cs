using System.Security.Cryptography;
using Lumen.Adapters.LedgerStore;

namespace Lumen.Adapters.Tests.LedgerStore;

public sealed class OpenSslLineHasherTests
{
    [Fact]
    public void Create_OnLinuxWithOpenSsl3_UsesTheLowLevelCalls()
    {
        // Elsewhere the portable hasher is the right answer, which the test below covers.
        if (!OperatingSystem.IsLinux() || !HasLibCrypto3())
        {
            return;
        }

        Assert.True(OpenSslLineHasher.IsUsable);
        using var hasher = OpenSslLineHasher.Create();
        Assert.IsType<OpenSslLineHasher>(hasher);
    }

    [Fact]
    public void HashClosed_EveryLengthUpTo2000_SameAsTheRuntimesSha256()
    {
        var random = new Random(42);
        var text = new byte[2000];
        random.NextBytes(text);
        Span<byte> actual = stackalloc byte[32];
        using var hasher = OpenSslLineHasher.Create();
        using var portable = Lumen.Core.Ledger.LedgerLineHasher.CreateDefault();
        for (var length = 0; length <= text.Length; length++)
        {
            var expected = SHA256.HashData([.. text.AsSpan(0, length), (byte)'}']);
            hasher.HashClosed(text.AsSpan(0, length), actual);
            Assert.True(actual.SequenceEqual(expected), $"length {length}");
            portable.HashClosed(text.AsSpan(0, length), actual);
            Assert.True(actual.SequenceEqual(expected), $"length {length} (portable)");
        }
    }

    private static bool HasLibCrypto3() =>
        System.Runtime.InteropServices.NativeLibrary.TryLoad("libcrypto.so.3", out var handle) && handle != IntPtr.Zero;
}

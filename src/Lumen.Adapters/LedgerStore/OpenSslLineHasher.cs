using System.Runtime.InteropServices;
using System.Security.Cryptography;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// SHA-256 of a ledger line through OpenSSL's plain <c>SHA256_Init</c>/<c>_Update</c>/<c>_Final</c>, for
/// <c>lumen ledger verify</c> (docs/ledger.md, "Verification speed"). Same algorithm and library as
/// <see cref="IncrementalHash"/> on Linux, but the EVP interface that one goes through costs about a
/// microsecond of set-up and error-queue clearing per line, more than hashing the line's 850 bytes
/// with SHA-NI; these calls cost next to nothing beyond the hashing.
/// </summary>
/// <remarks>
/// Used only where it is there and gives the right digests: <see cref="Create"/> falls back to the
/// portable hasher on other systems, without OpenSSL 3's <c>libcrypto.so.3</c> (or a build without the
/// deprecated low-level functions), or when a known-answer check fails.
/// </remarks>
internal sealed class OpenSslLineHasher : LedgerLineHasher
{
    private const string Library = "libcrypto.so.3";

    /// <summary>sizeof(SHA256_CTX) is 112 bytes (eight words of state, two of length, 64 of block, two ints); room to spare.</summary>
    private const int ContextSize = 256;

    private static readonly Lazy<bool> Usable = new(SelfTest);

    /// <summary>The SHA256_CTX. It holds no pointers, so the array may move between calls.</summary>
    private readonly byte[] _context = new byte[ContextSize];

    private OpenSslLineHasher()
    {
    }

    /// <summary>True when this process hashes lines through the low-level calls (for the docs' and tests' sake).</summary>
    public static bool IsUsable => Usable.Value;

    /// <summary>The low-level hasher when it is usable here, else the portable one.</summary>
    public static LedgerLineHasher Create() => Usable.Value ? new OpenSslLineHasher() : CreateDefault();

    /// <inheritdoc />
    public override void HashClosed(ReadOnlySpan<byte> text, Span<byte> digest)
    {
        if (digest.Length < SHA256.HashSizeInBytes)
        {
            throw new ArgumentException("the digest needs 32 bytes", nameof(digest));
        }

        ref var context = ref _context[0];
        if (Init(ref context) != 1
            || Update(ref context, ref MemoryMarshal.GetReference(text), (nuint)text.Length) != 1
            || Update(ref context, ref MemoryMarshal.GetReference("}"u8), 1) != 1
            || Final(ref MemoryMarshal.GetReference(digest), ref context) != 1)
        {
            throw new CryptographicException("OpenSSL SHA-256 failed");
        }
    }

    /// <summary>Loads the functions and checks them against the runtime's SHA-256 on lengths around the block boundaries.</summary>
    private static bool SelfTest()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var hasher = new OpenSslLineHasher();
            var text = new byte[1000];
            new Random(20260101).NextBytes(text);
            Span<byte> actual = stackalloc byte[SHA256.HashSizeInBytes];
            Span<byte> expected = stackalloc byte[SHA256.HashSizeInBytes];
            foreach (var length in new[] { 0, 1, 54, 55, 56, 63, 64, 65, 119, 120, 1000 })
            {
                hasher.HashClosed(text.AsSpan(0, length), actual);
                SHA256.HashData([.. text.AsSpan(0, length), (byte)'}'], expected);
                if (!actual.SequenceEqual(expected))
                {
                    return false;
                }
            }

            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or CryptographicException)
        {
            return false;
        }
    }

    // DllImport with blittable arguments only (refs and sizes), like DirectorySync: no generated stubs needed.
    [DllImport(Library, EntryPoint = "SHA256_Init")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Init(ref byte context);

    [DllImport(Library, EntryPoint = "SHA256_Update")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Update(ref byte context, ref byte data, nuint length);

    [DllImport(Library, EntryPoint = "SHA256_Final")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Final(ref byte digest, ref byte context);
}

using System.Security.Cryptography;

namespace Lumen.Core.Ledger;

/// <summary>
/// The SHA-256 of one line's hashed text, for <see cref="LedgerChainVerifier.TryProve(ReadOnlySpan{byte}, LedgerLineHasher, out LedgerLineProof)"/>:
/// the line cut before <c>,"hash":</c> and closed with <c>}</c>. An instance is used by one thread at a time.
/// </summary>
/// <remarks>
/// A line is short (≈ 850 bytes in a demo ledger), so what a hash costs per call matters as much as its
/// speed per byte: the default goes through <see cref="IncrementalHash"/> (OpenSSL's EVP interface on
/// Linux, about a microsecond of set-up per line); the verifier's file pass may bring a cheaper one.
/// </remarks>
public abstract class LedgerLineHasher : IDisposable
{
    /// <summary>The portable hasher (<see cref="IncrementalHash"/>).</summary>
    public static LedgerLineHasher CreateDefault() => new Incremental();

    /// <summary>Writes SHA-256(<paramref name="text"/> followed by <c>}</c>) into the 32 bytes of <paramref name="digest"/>.</summary>
    public abstract void HashClosed(ReadOnlySpan<byte> text, Span<byte> digest);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the hasher holds.</summary>
    protected virtual void Dispose(bool disposing)
    {
    }

    private sealed class Incremental : LedgerLineHasher
    {
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public override void HashClosed(ReadOnlySpan<byte> text, Span<byte> digest)
        {
            _sha256.AppendData(text);
            _sha256.AppendData("}"u8);
            _sha256.GetHashAndReset(digest);
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _sha256.Dispose();
            }
        }
    }
}

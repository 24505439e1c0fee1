using System.Buffers;
using System.Security.Cryptography;

namespace Lumen.Core.Ledger;

/// <summary>
/// Writes the canonical lines of new entries for one writer, the same bytes as
/// <see cref="LedgerCanonical.WriteLine"/>, without allocating per line beyond the hash's text: the
/// line is built in a reused buffer, hashed with one reused <see cref="LedgerLineHasher"/> (the one the
/// verifier uses; the file store gives it OpenSSL's plain SHA-256 calls where they work), and the last
/// <c>ts</c>'s text is kept (a batch shares one). Not thread-safe: one per writer.
/// </summary>
public sealed class LedgerLineWriter(LedgerLineHasher? hasher = null) : IDisposable
{
    private readonly LedgerLineHasher _hasher = hasher ?? LedgerLineHasher.CreateDefault();
    private ArrayBufferWriter<byte> _unhashed = new(1024);
    private readonly byte[] _quotedTs = new byte[LedgerCanonical.QuotedTimeLength];
    private DateTimeOffset _ts = DateTimeOffset.MinValue;
    private int _quotedTsLength;

    /// <summary>
    /// Appends the canonical line of a new entry (without newline) to <paramref name="output"/> and
    /// returns its hash; nothing is appended when it throws (<see cref="ArgumentException"/>: the
    /// draft has no canonical form). <paramref name="canonicalData"/> comes from
    /// <see cref="LedgerCanonical.CanonicalData"/>.
    /// </summary>
    public string WriteLine(IBufferWriter<byte> output, LedgerDraft draft, ReadOnlySpan<byte> canonicalData, long seq,
        DateTimeOffset ts, string prev)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(draft);
        LedgerCanonical.Validate(draft, seq, prev);
        if (ts != _ts || _quotedTsLength == 0)
        {
            _quotedTsLength = LedgerCanonical.QuotedTime(ts, _quotedTs).Length;
            _ts = ts;
        }

        _unhashed.ResetWrittenCount();
        try
        {
            LedgerCanonical.WriteUnhashed(_unhashed, seq, _quotedTs.AsSpan(0, _quotedTsLength), draft.Kind, draft.Stage,
                draft.Service, draft.Actor, canonicalData, prev);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"the entry has no canonical form: {e.Message}", nameof(draft), e);
        }

        var unhashed = _unhashed.WrittenSpan;
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        _hasher.HashClosed(unhashed[..^1], digest);
        var hash = Convert.ToHexStringLower(digest);
        output.Write(unhashed[..^1]);
        LedgerCanonical.AppendHash(output, hash);
        if (_unhashed.Capacity > 64 * 1024)
        {
            _unhashed = new ArrayBufferWriter<byte>(1024); // a huge entry's buffer is not kept
        }

        return hash;
    }

    /// <inheritdoc />
    public void Dispose() => _hasher.Dispose();
}

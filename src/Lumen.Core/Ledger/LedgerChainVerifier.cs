using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;

namespace Lumen.Core.Ledger;

/// <summary>
/// Checks a ledger line by line as it streams past (the caller does the reading): each line must
/// parse, be in canonical form, carry the right hash, continue <c>seq</c> by one and link
/// <c>prev</c> to the previous hash. With a head checkpoint it also checks the entry at the
/// checkpoint's seq and, in <see cref="Complete"/>, that the ledger reaches that seq. It stops at
/// the first failure, which names the 1-based line.
/// </summary>
/// <remarks>
/// Two paths give the same verdicts. The fast path (<see cref="LedgerLineValidator"/>) proves a
/// line canonical and well formed in one streaming pass over its bytes and hashes those bytes
/// directly, allocating nothing per line. Whenever it cannot prove a line good (a bad line, or a
/// rare form it does not try to prove, or the checkpoint's seq) the slow path decides: parse into
/// a <see cref="LedgerEntry"/>, write it back canonically, compare, then check hash and chain;
/// it also words the failure.
/// </remarks>
public sealed class LedgerChainVerifier : IDisposable
{
    /// <summary>Length of <c>,"hash":"</c> + 64 hex digits + <c>"}</c>, the suffix the hash does not cover.</summary>
    private const int HashSuffixLength = 9 + 64 + 2;

    private readonly LedgerCheckpoint? _checkpoint;
    private readonly LedgerLineHasher _sha256 = LedgerLineHasher.CreateDefault();
    private readonly byte[] _digest = new byte[SHA256.HashSizeInBytes];

    /// <summary>The last valid entry's hash as 64 lowercase hex ASCII bytes (no string per line).</summary>
    private readonly byte[] _lastHash = Encoding.ASCII.GetBytes(LedgerHash.Genesis);

    /// <summary>Creates a verifier; <paramref name="checkpoint"/> is the head to check against, if any.</summary>
    public LedgerChainVerifier(LedgerCheckpoint? checkpoint = null) => _checkpoint = checkpoint;

    /// <summary>
    /// Continues a chain whose valid part ends at <paramref name="head"/> (a writer catching up with
    /// entries another writer appended after it): the next line must be seq head.Seq + 1 with prev
    /// head.Hash. Only before the first line.
    /// </summary>
    public void ContinueFrom(LedgerPosition head)
    {
        if (Lines != 0 || Failure is not null)
        {
            throw new InvalidOperationException("ContinueFrom is for a fresh verifier");
        }

        LastSeq = head.Seq;
        Encoding.ASCII.GetBytes(head.Hash, _lastHash);
    }

    /// <summary>Lines accepted so far (all valid).</summary>
    public long Lines { get; private set; }

    /// <summary>The seq of the last valid entry, 0 before the first.</summary>
    public long LastSeq { get; private set; }

    /// <summary>The hash of the last valid entry, <see cref="LedgerHash.Genesis"/> before the first.</summary>
    public string LastHash => Encoding.ASCII.GetString(_lastHash);

    /// <summary>The first failure, once there is one; later lines are not looked at.</summary>
    public LedgerVerifyFailure? Failure { get; private set; }

    /// <summary>
    /// Checks the next line (without its newline). <paramref name="terminated"/> says whether a
    /// newline followed it. Returns false, and sets <see cref="Failure"/>, when the line is bad.
    /// </summary>
    public bool TryAccept(ReadOnlyMemory<byte> line, bool terminated, out LedgerEntry? entry)
    {
        if (!TryAccept(line, terminated))
        {
            entry = null;
            return false;
        }

        // Accepted, so it parses; callers that want no entry use the overload without one.
        LedgerEntryParser.TryParse(line, out entry, out _);
        return true;
    }

    /// <summary>
    /// Checks the next line like <see cref="TryAccept(ReadOnlyMemory{byte}, bool, out LedgerEntry?)"/>
    /// without building the entry: a good line costs one pass and one SHA-256, no allocation.
    /// </summary>
    public bool TryAccept(ReadOnlyMemory<byte> line, bool terminated)
    {
        ThrowIfFailed();
        if (terminated && TryAcceptFast(line.Span))
        {
            return true;
        }

        return TryAcceptReference(line, terminated, out _);
    }

    /// <summary>The slow path alone (parse, re-serialise, compare); tests check both paths agree.</summary>
    internal bool TryAcceptReference(ReadOnlyMemory<byte> line, bool terminated, out LedgerEntry? entry)
    {
        entry = null;
        ThrowIfFailed();
        var number = Lines + 1;
        if (!LedgerEntryParser.TryParse(line, out var parsed, out var error))
        {
            return Fail(number, terminated ? LedgerFaultKind.BadJson : LedgerFaultKind.TornLine,
                terminated ? error! : $"last line has no newline (torn write): {error}");
        }

        var failure = Check(parsed!, line.Span, terminated);
        if (failure is not null)
        {
            return Fail(number, failure.Value.Kind, failure.Value.Reason);
        }

        Lines = number;
        LastSeq = parsed!.Seq;
        Encoding.ASCII.GetBytes(parsed.Hash, _lastHash);
        entry = parsed;
        return true;
    }

    /// <summary>Call after the last line: checks that the ledger reaches the head checkpoint.</summary>
    public LedgerVerifyFailure? Complete()
    {
        if (Failure is null && _checkpoint is { } head && head.Seq > LastSeq)
        {
            Fail(Lines + 1, LedgerFaultKind.Truncated,
                $"the ledger ends at seq {LastSeq} but the head checkpoint says seq {head.Seq}: " +
                $"{head.Seq - LastSeq} entr{(head.Seq - LastSeq == 1 ? "y was" : "ies were")} removed from the end");
        }

        return Failure;
    }

    /// <inheritdoc />
    public void Dispose() => _sha256.Dispose();

    private void ThrowIfFailed()
    {
        if (Failure is not null)
        {
            throw new InvalidOperationException($"verification already failed: {Failure}");
        }
    }

    /// <summary>
    /// Proves what can be proven of a newline-terminated line without the lines before it: canonical
    /// form (<see cref="LedgerLineValidator"/>) and its own hash. Stateless and thread-safe given its own
    /// <paramref name="hasher"/>, so the lines of a file can be proven on every core while the chain is
    /// checked in order. False only means "not proven": the sequential path decides.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryProve(ReadOnlySpan<byte> line, LedgerLineHasher hasher, out LedgerLineProof proof)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        proof = default;
        if (!LedgerLineValidator.TryValidate(line, out var seq, out var prevStart, out var hashStart))
        {
            return false;
        }

        return TryProveHash(line, hasher, seq, prevStart, hashStart, out proof);
    }

    /// <summary>
    /// <see cref="TryProve"/> for the line at the start of <paramref name="text"/> (a block of lines), which must be
    /// followed by a newline; <paramref name="length"/> is the line's length without it
    /// (<see cref="LedgerLineValidator.TryValidateFirstLine"/>). False only means "not proven": the caller then cuts the
    /// line at its newline and proceeds as for any line not proven.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryProveFirstLine(ReadOnlySpan<byte> text, LedgerLineHasher hasher, out LedgerLineProof proof, out int length)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        proof = default;
        return LedgerLineValidator.TryValidateFirstLine(text, out var seq, out var prevStart, out var hashStart, out length)
            && TryProveHash(text[..length], hasher, seq, prevStart, hashStart, out proof);
    }

    /// <summary>The line's own hash, for a line whose form is proven; canonical form puts hash last.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool TryProveHash(ReadOnlySpan<byte> line, LedgerLineHasher hasher, long seq, int prevStart, int hashStart,
        out LedgerLineProof proof)
    {
        proof = default;
        if (hashStart != line.Length - 2 - 64)
        {
            return false;
        }

        // The hashed text is the line cut before ,"hash": and closed.
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        hasher.HashClosed(line[..(line.Length - HashSuffixLength)], digest);
        if (!LedgerHexDigest.Matches(digest, line.Slice(hashStart, 64)))
        {
            return false;
        }

        proof = new LedgerLineProof(seq, prevStart, hashStart);
        return true;
    }

    /// <summary>
    /// Checks the next line, already proven by <see cref="TryProve"/>, for its place in the chain (seq,
    /// prev, the head checkpoint). When that is not plainly right the full check decides, so the
    /// verdict and its wording are those of <see cref="TryAccept(ReadOnlyMemory{byte}, bool)"/>.
    /// </summary>
    public bool TryAcceptProven(ReadOnlyMemory<byte> line, LedgerLineProof proof)
    {
        ThrowIfFailed();
        var span = line.Span;
        if (proof.Seq != LastSeq + 1
            || !span.Slice(proof.PrevStart, 64).SequenceEqual(_lastHash)
            || (_checkpoint is { } head && head.Seq == proof.Seq))
        {
            return TryAccept(line, terminated: true);
        }

        span.Slice(proof.HashStart, 64).CopyTo(_lastHash);
        LastSeq = proof.Seq;
        Lines++;
        return true;
    }

    /// <summary>
    /// Accepts at once the <paramref name="count"/> lines that follow the line last accepted, when the caller has
    /// checked what links them: each is proven by <see cref="TryProve"/>, the first has seq <see cref="LastSeq"/> + 1
    /// and prev = <see cref="LastHash"/>, and each next one seq + 1 and prev = the hash of the one before. Only the
    /// run's end comes in (<paramref name="lastSeq"/>, the 64 hex digits <paramref name="lastHash"/>). False, accepting
    /// nothing, when the seqs do not add up or the run reaches the head checkpoint's seq (that line is checked on its
    /// own): the caller then takes the lines one by one.
    /// </summary>
    public bool TryAcceptLinkedRun(int count, long lastSeq, ReadOnlySpan<byte> lastHash)
    {
        ThrowIfFailed();
        if (count <= 0 || lastHash.Length != _lastHash.Length || lastSeq != LastSeq + count
            || (_checkpoint is { } head && head.Seq > LastSeq && head.Seq <= lastSeq))
        {
            return false;
        }

        lastHash.CopyTo(_lastHash);
        LastSeq = lastSeq;
        Lines += count;
        return true;
    }

    /// <summary>
    /// Accepts a newline-terminated line when it is proven canonical, its hash is right and it
    /// continues the chain; false sends it to the slow path, which gives the verdict.
    /// </summary>
    private bool TryAcceptFast(ReadOnlySpan<byte> line)
    {
        if (!TryProve(line, _sha256, out var proof)
            || proof.Seq != LastSeq + 1
            || !line.Slice(proof.PrevStart, 64).SequenceEqual(_lastHash)
            || (_checkpoint is { } head && head.Seq == proof.Seq))
        {
            return false;
        }

        line.Slice(proof.HashStart, 64).CopyTo(_lastHash);
        LastSeq = proof.Seq;
        Lines++;
        return true;
    }

    private (LedgerFaultKind Kind, string Reason)? Check(LedgerEntry entry, ReadOnlySpan<byte> line, bool terminated)
    {
        byte[] canonical;
        try
        {
            canonical = LedgerCanonical.Serialize(entry);
        }
        catch (ArgumentException e)
        {
            return (LedgerFaultKind.BadJson, e.Message);
        }

        if (!line.SequenceEqual(canonical))
        {
            return (LedgerFaultKind.NotCanonical, "the line is not in canonical form (edited by hand or tampered)");
        }

        _sha256.HashClosed(line[..(LedgerCanonical.UnhashedLength(line.Length) - 1)], _digest);
        if (!string.Equals(Convert.ToHexStringLower(_digest), entry.Hash, StringComparison.Ordinal))
        {
            return (LedgerFaultKind.BadHash, $"hash mismatch at seq {entry.Seq}: the entry's content was changed");
        }

        if (entry.Seq != LastSeq + 1)
        {
            return (LedgerFaultKind.SeqGap, $"expected seq {LastSeq + 1}, found seq {entry.Seq} " +
                "(a line was deleted, moved or duplicated)");
        }

        if (!string.Equals(entry.Prev, LastHash, StringComparison.Ordinal))
        {
            return (LedgerFaultKind.BrokenPrev, $"prev of seq {entry.Seq} does not match the hash of the previous entry");
        }

        if (_checkpoint is { } head && head.Seq == entry.Seq && !string.Equals(head.Hash, entry.Hash, StringComparison.Ordinal))
        {
            return (LedgerFaultKind.HeadMismatch, $"the entry at seq {entry.Seq} does not match the head checkpoint's hash");
        }

        if (!terminated)
        {
            return (LedgerFaultKind.TornLine, "last line has no newline (torn write)");
        }

        return null;
    }

    private bool Fail(long line, LedgerFaultKind kind, string reason)
    {
        Failure = new LedgerVerifyFailure(line, kind, reason);
        return false;
    }
}

using System.Buffers;
using System.Security.Cryptography;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// <c>lumen ledger verify</c>'s pass over a file on every core (docs/ledger.md, "Verification speed"):
/// the file is read in blocks cut at line ends; the lines of a group of blocks are proven in parallel
/// (canonical form and their own hash, <see cref="LedgerChainVerifier.TryProve"/>: no line depends on
/// another for that), then the chain is checked in file order on one thread (seq and prev against
/// the line before, the head checkpoint), which is a 64-byte comparison per line. A line the
/// parallel pass could not prove goes through the sequential verifier in its turn, so the verdict
/// and the failing line are those of <see cref="LedgerScan.Run"/>.
/// </summary>
internal static class LedgerParallelScan
{
    private const int BlockSize = 4 << 20;

    /// <summary>Reads the stream from its position to its end; <paramref name="blockSize"/> is for tests (many small blocks).</summary>
    public static LedgerScan Run(Stream stream, LedgerCheckpoint? checkpoint, int degree, int blockSize = BlockSize)
    {
        degree = Math.Max(1, degree);
        using var verifier = new LedgerChainVerifier(checkpoint);
        var blocks = new Block[degree * 2];
        for (var i = 0; i < blocks.Length; i++)
        {
            blocks[i] = new Block();
        }

        byte[] carry = [];
        var carryLength = 0;
        long offset = 0, validLength = 0;
        var end = false;
        try
        {
            while (!end)
            {
                // Fill the group: each block holds whole lines (what is left after its last newline starts the next).
                var filled = 0;
                while (filled < blocks.Length && !end)
                {
                    var block = blocks[filled];
                    block.Start = offset;
                    block.Length = 0;
                    block.EnsureCapacity(Math.Max(blockSize, carryLength * 2));
                    carry.AsSpan(0, carryLength).CopyTo(block.Buffer);
                    block.Length = carryLength;
                    carryLength = 0;
                    int cut;
                    while ((cut = block.Buffer.AsSpan(0, block.Length).LastIndexOf((byte)'\n')) < 0 || block.Length < block.Buffer.Length / 2)
                    {
                        if (block.Length == block.Buffer.Length)
                        {
                            block.EnsureCapacity(block.Buffer.Length * 2);
                        }

                        var read = stream.Read(block.Buffer, block.Length, block.Buffer.Length - block.Length);
                        if (read == 0)
                        {
                            end = true;
                            cut = block.Buffer.AsSpan(0, block.Length).LastIndexOf((byte)'\n');
                            break;
                        }

                        block.Length += read;
                    }

                    // Everything up to the last newline is this block's; the rest (a line cut by the read, or an
                    // unterminated last line at the end) moves on.
                    var whole = cut + 1;
                    var rest = block.Length - whole;
                    if (rest > 0)
                    {
                        if (carry.Length < rest)
                        {
                            carry = new byte[Math.Max(rest, carry.Length * 2)];
                        }

                        block.Buffer.AsSpan(whole, rest).CopyTo(carry);
                        carryLength = rest;
                    }

                    block.Length = whole;
                    offset += whole;
                    if (whole > 0)
                    {
                        filled++;
                    }
                }

                Parallel.For(0, filled, new ParallelOptions { MaxDegreeOfParallelism = degree }, i => blocks[i].Prove());

                for (var i = 0; i < filled; i++)
                {
                    var block = blocks[i];
                    for (var l = 0; l < block.Lines.Count; l++)
                    {
                        var (start, length, proof) = block.Lines[l];
                        var line = block.Buffer.AsMemory(start, length);
                        var accepted = proof is { } p ? verifier.TryAcceptProven(line, p) : verifier.TryAccept(line, terminated: true);
                        if (!accepted)
                        {
                            var last = end && carryLength == 0 && i == filled - 1 && l == block.Lines.Count - 1;
                            return Finish(verifier, validLength, failureOnLastLine: last);
                        }

                        validLength = block.Start + start + length + 1;
                    }
                }
            }

            if (carryLength > 0 && !verifier.TryAccept(carry.AsMemory(0, carryLength), terminated: false))
            {
                return Finish(verifier, validLength, failureOnLastLine: true);
            }

            return Finish(verifier, validLength, failureOnLastLine: true);
        }
        finally
        {
            foreach (var block in blocks)
            {
                block.Dispose();
            }
        }
    }

    private static LedgerScan Finish(LedgerChainVerifier verifier, long validLength, bool failureOnLastLine)
    {
        var failure = verifier.Failure ?? verifier.Complete();
        return new LedgerScan(verifier.Lines, new LedgerPosition(verifier.LastSeq, verifier.LastHash), validLength,
            failure, failure is not null && failureOnLastLine);
    }

    /// <summary>A block of whole lines and what the parallel pass proved of each.</summary>
    private sealed class Block : IDisposable
    {
        private readonly IncrementalHash _sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public byte[] Buffer { get; private set; } = [];

        public int Length { get; set; }

        public long Start { get; set; }

        public List<(int Start, int Length, LedgerLineProof? Proof)> Lines { get; } = [];

        public void EnsureCapacity(int size)
        {
            if (Buffer.Length >= size)
            {
                return;
            }

            var bigger = ArrayPool<byte>.Shared.Rent(size);
            Buffer.AsSpan(0, Length).CopyTo(bigger);
            if (Buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(Buffer);
            }

            Buffer = bigger;
        }

        public void Prove()
        {
            Lines.Clear();
            var span = Buffer.AsSpan(0, Length);
            var start = 0;
            while (start < span.Length)
            {
                var length = span[start..].IndexOf((byte)'\n');
                var line = span.Slice(start, length);
                Lines.Add((start, length, LedgerChainVerifier.TryProve(line, _sha256, out var proof) ? proof : null));
                start += length + 1;
            }
        }

        public void Dispose()
        {
            _sha256.Dispose();
            if (Buffer.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(Buffer);
            }
        }
    }
}

using System.Buffers;
using System.Runtime.CompilerServices;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// <c>lumen ledger verify</c>'s pass over a file on every core (docs/ledger.md, "Verification speed"):
/// a pipeline. This thread reads the file in blocks cut at line ends and hands each block to the
/// thread pool as soon as it is read, keeping several blocks in flight; a worker proves the lines of
/// its block (canonical form and their own hash, <see cref="LedgerChainVerifier.TryProve"/>: no line
/// depends on another for that) and the links between them (seq and prev against the line before, as far
/// as they hold), while this thread takes the blocks back in file order and checks the chain where the
/// blocks meet (the block's first line against the last one accepted, the head checkpoint), then
/// reuses the block's buffer for the next read. A line the workers could not prove goes
/// through the sequential verifier in its turn, so the verdict and the failing line are those of
/// <see cref="LedgerScan.Run"/>.
/// </summary>
internal static class LedgerParallelScan
{
    /// <summary>1 MiB: small enough that a block's lines are still in the cache when the chain is checked, big
    /// enough that handing it over costs nothing next to proving it.</summary>
    private const int BlockSize = 1 << 20;

    /// <summary>Reads the stream from its position to its end; <paramref name="blockSize"/> is for tests (many small blocks).</summary>
    public static LedgerScan Run(Stream stream, LedgerCheckpoint? checkpoint, int degree, int blockSize = BlockSize)
    {
        degree = Math.Max(1, degree);
        using var verifier = new LedgerChainVerifier(checkpoint);

        // Four blocks per core in flight: a worker that finishes always finds another block read.
        var free = new Stack<Block>();
        for (var i = 0; i < degree * 4; i++)
        {
            free.Push(new Block());
        }

        var pending = new Queue<(Block Block, Task Proving)>();
        var reader = new BlockReader(stream, blockSize);
        long validLength = 0;
        try
        {
            while (true)
            {
                while (free.Count > 0 && !reader.End)
                {
                    var block = free.Pop();
                    if (!reader.Fill(block))
                    {
                        free.Push(block);
                        break;
                    }

                    pending.Enqueue((block, Task.Run(block.Prove)));
                }

                if (!pending.TryDequeue(out var next))
                {
                    break;
                }

                next.Proving.GetAwaiter().GetResult();
                var done = next.Block;
                for (var l = 0; l < done.Lines.Count; l++)
                {
                    // Once the block's first line is in, the run of lines the worker found linked to it goes in at once.
                    if (l == 1 && done.Linked > 1)
                    {
                        var (runStart, runLength, runProof) = done.Lines[done.Linked - 1];
                        var end = runProof!.Value;
                        if (verifier.TryAcceptLinkedRun(done.Linked - 1, end.Seq, done.Buffer.AsSpan(runStart + end.HashStart, 64)))
                        {
                            validLength = done.Start + runStart + runLength + 1;
                            l = done.Linked - 1;
                            continue;
                        }
                    }

                    var (start, length, proof) = done.Lines[l];
                    var line = done.Buffer.AsMemory(start, length);
                    var accepted = proof is { } p ? verifier.TryAcceptProven(line, p) : verifier.TryAccept(line, terminated: true);
                    if (!accepted)
                    {
                        var last = done.EndsFile && l == done.Lines.Count - 1;
                        free.Push(done);
                        return Finish(verifier, validLength, failureOnLastLine: last);
                    }

                    validLength = done.Start + start + length + 1;
                }

                free.Push(done);
            }

            if (reader.Carry.Length > 0 && !verifier.TryAccept(reader.Carry, terminated: false))
            {
                return Finish(verifier, validLength, failureOnLastLine: true);
            }

            return Finish(verifier, validLength, failureOnLastLine: true);
        }
        finally
        {
            // A failure returns with blocks still being proven: their buffers go back to the pool only once no
            // worker reads them (a worker's exception is already the one being thrown, or irrelevant).
            foreach (var (block, proving) in pending)
            {
                try
                {
                    proving.GetAwaiter().GetResult();
                }
                catch (Exception) when (proving.IsFaulted)
                {
                }

                block.Dispose();
            }

            foreach (var block in free)
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
        private readonly LedgerLineHasher _sha256 = OpenSslLineHasher.Create();

        public byte[] Buffer { get; private set; } = [];

        public int Length { get; set; }

        public long Start { get; set; }

        /// <summary>True when the file ends with this block's last line (no unterminated rest follows).</summary>
        public bool EndsFile { get; set; }

        public List<(int Start, int Length, LedgerLineProof? Proof)> Lines { get; } = [];

        /// <summary>
        /// How many lines from the block's first are proven and linked, each to the one before it (seq + 1, prev = its
        /// hash): once the first continues the chain, so do they all.
        /// </summary>
        public int Linked { get; private set; }

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

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public void Prove()
        {
            Lines.Clear();
            Linked = 0;
            var span = Buffer.AsSpan(0, Length);
            var start = 0;
            var linked = true;
            var previousHash = ReadOnlySpan<byte>.Empty;
            long previousSeq = 0;
            while (start < span.Length)
            {
                // A proven line's end is known from the proof; any other is cut at its newline and tried again on its own
                // (the two proofs agree, the second is only a safeguard).
                var proven = LedgerChainVerifier.TryProveFirstLine(span[start..], _sha256, out var proof, out var length);
                if (!proven)
                {
                    length = span[start..].IndexOf((byte)'\n');
                    proven = LedgerChainVerifier.TryProve(span.Slice(start, length), _sha256, out proof);
                }

                var line = span.Slice(start, length);
                Lines.Add((start, length, proven ? proof : null));
                if (linked)
                {
                    // The first line only needs proving; each next one must follow the one before.
                    linked = proven && (Lines.Count == 1
                        || (proof.Seq == previousSeq + 1 && line.Slice(proof.PrevStart, 64).SequenceEqual(previousHash)));
                    if (linked)
                    {
                        Linked = Lines.Count;
                        previousSeq = proof.Seq;
                        previousHash = line.Slice(proof.HashStart, 64);
                    }
                }

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

    /// <summary>Fills blocks from the stream, each with whole lines; what follows a block's last newline starts the next.</summary>
    private sealed class BlockReader(Stream stream, int blockSize)
    {
        private byte[] _carry = [];
        private int _carryLength;
        private long _offset;

        /// <summary>True once the stream is exhausted.</summary>
        public bool End { get; private set; }

        /// <summary>At the end: the file's unterminated last line, if any.</summary>
        public ReadOnlyMemory<byte> Carry => _carry.AsMemory(0, _carryLength);

        /// <summary>Fills the block with the next whole lines; false when there are none (the end).</summary>
        public bool Fill(Block block)
        {
            block.Start = _offset;
            block.Length = 0;
            block.EnsureCapacity(Math.Max(blockSize, _carryLength * 2));
            _carry.AsSpan(0, _carryLength).CopyTo(block.Buffer);
            block.Length = _carryLength;
            _carryLength = 0;
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
                    End = true;
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
                if (_carry.Length < rest)
                {
                    _carry = new byte[Math.Max(rest, _carry.Length * 2)];
                }

                block.Buffer.AsSpan(whole, rest).CopyTo(_carry);
                _carryLength = rest;
            }

            block.Length = whole;
            block.EndsFile = End && _carryLength == 0;
            _offset += whole;
            return whole > 0;
        }
    }
}

using System.Buffers;
using System.Text;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// The writer's side of the line bound: an entry whose line would be longer than
/// <see cref="LedgerLineReader.MaxLineLength"/> (what every reader refuses) is refused before it gets a
/// seq, so nothing is written and the chain never holds a line its own readers call corrupt.
/// </summary>
internal static class LedgerLineLimit
{
    /// <summary>Room for everything in a line but the data: seq, ts, prev, hash, keys and escaping of the strings.</summary>
    private const int Envelope = 512;

    /// <summary>Null when the line fits; otherwise the reason, naming the entry's kind and its size (never its content).</summary>
    public static string? Check(LedgerDraft draft, ReadOnlyMemory<byte> canonicalData)
    {
        // Cheap bound first: JSON escapes a character in at most 6 bytes.
        var strings = Encoding.UTF8.GetByteCount(draft.Kind) + Encoding.UTF8.GetByteCount(draft.Stage ?? "")
            + Encoding.UTF8.GetByteCount(draft.Service ?? "") + Encoding.UTF8.GetByteCount(draft.Actor);
        if ((long)canonicalData.Length + 6L * strings + Envelope <= LedgerLineReader.MaxLineLength)
        {
            return null;
        }

        // Near the bound: the exact length, with the longest seq and any hash.
        var buffer = new ArrayBufferWriter<byte>(canonicalData.Length + Envelope);
        LedgerCanonical.WriteLine(buffer, draft, canonicalData.Span, long.MaxValue, DateTimeOffset.UnixEpoch, new string('0', 64));
        return buffer.WrittenCount <= LedgerLineReader.MaxLineLength
            ? null
            : $"a {draft.Kind} entry of {buffer.WrittenCount} bytes is longer than the {LedgerLineReader.MaxLineLength} bytes a ledger line may have (readers refuse longer lines); nothing was written";
    }
}

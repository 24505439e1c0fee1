namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// One line of a ledger file as read: its 1-based number, byte offset, content without the
/// newline, and whether a newline ended it. <see cref="Content"/> points into the reader's buffer
/// and is valid only until the reader moves on. <see cref="TooLong"/> marks a line longer than the
/// reader's limit: its content is empty and the reader stops there.
/// </summary>
internal readonly record struct LedgerLine(long Number, long Offset, ReadOnlyMemory<byte> Content, bool Terminated)
{
    public bool TooLong { get; init; }
}

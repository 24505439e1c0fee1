namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// The durable-write steps of the ledger store, as a seam so tests can make them fail (fsync
/// errors are otherwise impossible to provoke). <see cref="DurableIo"/> is the real one.
/// </summary>
public interface IDurableIo
{
    /// <summary>Writes all bytes at the file's position, then flushes them to the device (fsync).</summary>
    void WriteDurably(FileStream file, ReadOnlySpan<byte> bytes);

    /// <summary>Cuts the file to <paramref name="length"/> bytes and fsyncs it.</summary>
    void Truncate(FileStream file, long length);

    /// <summary>fsyncs a directory, so a created or renamed entry in it survives a crash.</summary>
    void SyncDirectory(string directory);
}

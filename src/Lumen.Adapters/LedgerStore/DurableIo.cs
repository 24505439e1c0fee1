using Lumen.Adapters.FileSystem;

namespace Lumen.Adapters.LedgerStore;

/// <summary>The real durable writes: <c>FileStream.Flush(true)</c> (fsync) and directory fsync (<see cref="DirectorySync"/>).</summary>
internal sealed class DurableIo : IDurableIo
{
    public static DurableIo Instance { get; } = new();

    public void WriteDurably(FileStream file, ReadOnlySpan<byte> bytes)
    {
        file.Write(bytes);
        file.Flush(flushToDisk: true);
    }

    public void Truncate(FileStream file, long length)
    {
        file.SetLength(length);
        file.Flush(flushToDisk: true);
    }

    public void SyncDirectory(string directory) => DirectorySync.Flush(directory);
}

namespace Lumen.Adapters.LedgerStore;

/// <summary><see cref="LedgerDurability.Deferred"/>: writes go to the OS cache; nothing is fsync'd until the store closes.</summary>
internal sealed class DeferredIo : IDurableIo
{
    public static DeferredIo Instance { get; } = new();

    public void WriteDurably(FileStream file, ReadOnlySpan<byte> bytes) => file.Write(bytes);

    public void Truncate(FileStream file, long length) => file.SetLength(length);

    public void SyncDirectory(string directory)
    {
        // Deferred: the directory entry is synced by the final fsync at close.
    }
}

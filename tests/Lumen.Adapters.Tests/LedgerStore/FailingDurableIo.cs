using Lumen.Adapters.LedgerStore;

namespace Lumen.Adapters.Tests.LedgerStore;

/// <summary>The real durable I/O, except that the Nth and every later durable write fails like a failed fsync.</summary>
internal sealed class FailingDurableIo(int failFromWrite) : IDurableIo
{
    private int _writes;

    public int Writes => _writes;

    public void WriteDurably(FileStream file, ReadOnlySpan<byte> bytes)
    {
        if (Interlocked.Increment(ref _writes) >= failFromWrite)
        {
            file.Write(bytes);
            throw new IOException("fsync: Input/output error (EIO, injected)");
        }

        DurableIo.Instance.WriteDurably(file, bytes);
    }

    public void Truncate(FileStream file, long length) => DurableIo.Instance.Truncate(file, length);

    public void SyncDirectory(string directory) => DurableIo.Instance.SyncDirectory(directory);
}

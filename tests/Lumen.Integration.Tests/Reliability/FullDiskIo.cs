using Lumen.Adapters.FileSystem;
using Lumen.Adapters.LedgerStore;

namespace Lumen.Integration.Tests.Reliability;

/// <summary>
/// A fault injection, not a real full disk: the ledger's durable-write seam answers every write with
/// the IOException .NET raises for ENOSPC once <see cref="Full"/> is set (a real full filesystem needs
/// a mount this test cannot make). Nothing is written then, as with a real ENOSPC.
/// </summary>
internal sealed class FullDiskIo : IDurableIo
{
    public volatile bool Full;

    public int Refused;

    public void WriteDurably(FileStream file, ReadOnlySpan<byte> bytes)
    {
        if (Full)
        {
            Interlocked.Increment(ref Refused);
            throw DiskFull.NoSpace(file.Name);
        }

        DurableIo.Instance.WriteDurably(file, bytes);
    }

    public void Truncate(FileStream file, long length) => DurableIo.Instance.Truncate(file, length);

    public void SyncDirectory(string directory) => DurableIo.Instance.SyncDirectory(directory);
}

using Lumen.Adapters.FileSystem;

namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// Space kept back in the state directory for a full disk (docs/reliability.md): a file of real
/// (not sparse) zero bytes, written and fsync'd at start. When a ledger write fails with ENOSPC the
/// loop deletes it, which frees enough room to ledger and execute the restore of every open
/// adjustment (and to publish <c>lumen.prom</c>) before it stops.
/// </summary>
public sealed class DiskReserve
{
    /// <summary>The reserve's file name in the state directory.</summary>
    public const string FileName = "lumen.reserve";

    /// <summary>The default size: 8 MiB, room for thousands of ledger entries.</summary>
    public const long DefaultBytes = 8L << 20;

    private DiskReserve(string path, long bytes)
    {
        FilePath = path;
        Bytes = bytes;
    }

    public string FilePath { get; }

    public long Bytes { get; }

    /// <summary>True once <see cref="Release"/> deleted the file.</summary>
    public bool Released { get; private set; }

    /// <summary>
    /// Creates (or tops up) the reserve. Throws the <see cref="IOException"/> of a full disk (see
    /// <see cref="DiskFull.IsDiskFull"/>); a partly written reserve is deleted then, so the space it got is not lost.
    /// </summary>
    public static DiskReserve Create(string stateDir, long bytes = DefaultBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        var path = Path.Combine(stateDir, FileName);
        if (File.Exists(path) && new FileInfo(path).Length >= bytes)
        {
            return new DiskReserve(path, bytes);
        }

        try
        {
            using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0);
            var zeros = new byte[64 * 1024];
            for (long written = 0; written < bytes; written += zeros.Length)
            {
                file.Write(zeros, 0, (int)Math.Min(zeros.Length, bytes - written));
            }

            file.Flush(flushToDisk: true);
        }
        catch (IOException)
        {
            File.Delete(path);
            throw;
        }

        return new DiskReserve(path, bytes);
    }

    /// <summary>Deletes the reserve (once); the space is free for the restores' entries.</summary>
    public void Release()
    {
        if (Released)
        {
            return;
        }

        File.Delete(FilePath);
        DirectorySync.Flush(Path.GetDirectoryName(FilePath)!);
        Released = true;
    }
}

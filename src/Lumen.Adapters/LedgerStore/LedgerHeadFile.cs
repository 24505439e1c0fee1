using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>Reads and atomically rewrites the head checkpoint file (<c>proof_ledger.head</c>).</summary>
public static class LedgerHeadFile
{
    /// <summary>
    /// Reads a head file. A missing file is not an error (<paramref name="checkpoint"/> is null);
    /// an unreadable one is (<paramref name="error"/> says why).
    /// </summary>
    public static bool TryRead(string path, out LedgerCheckpoint? checkpoint, out string? error)
    {
        checkpoint = null;
        error = null;
        if (!File.Exists(path))
        {
            return true;
        }

        return LedgerCheckpointFormat.TryParse(File.ReadAllBytes(path), out checkpoint, out error);
    }

    /// <summary>Writes a temp file beside it, fsyncs it, renames it over the old one, fsyncs the directory; on failure the temp file is removed.</summary>
    internal static void Write(IDurableIo io, string path, LedgerCheckpoint checkpoint)
    {
        var temp = path + ".tmp";
        try
        {
            using (var file = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, bufferSize: 0))
            {
                io.WriteDurably(file, LedgerCheckpointFormat.Serialize(checkpoint));
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            // A full disk (or any failed write) must not leave a half-written temp file behind.
            File.Delete(temp);
            throw;
        }

        io.SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}

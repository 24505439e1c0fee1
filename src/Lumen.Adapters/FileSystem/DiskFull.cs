namespace Lumen.Adapters.FileSystem;

/// <summary>Recognises "no space left on device" (ENOSPC, EDQUOT; Windows' disk-full errors) in an exception or its causes.</summary>
public static class DiskFull
{
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int WinDiskFull = 0x70;
    private const int WinHandleDiskFull = 0x27;

    /// <summary>True when <paramref name="exception"/> or one of its inner exceptions says the disk (or quota) is full.</summary>
    public static bool IsDiskFull(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is IOException io && (io.HResult is Enospc or Edquot || (io.HResult & 0xFFFF) is WinDiskFull or WinHandleDiskFull
                || io.Message.Contains("No space left on device", StringComparison.OrdinalIgnoreCase)
                || io.Message.Contains("Disk quota exceeded", StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The exception the ledger's fault-injection tests throw: what the kernel's ENOSPC becomes in .NET on Linux.</summary>
    public static IOException NoSpace(string path) => new($"No space left on device : '{path}'", Enospc);
}

using System.Runtime.InteropServices;

namespace Lumen.Adapters.FileSystem;

/// <summary>
/// fsync on a directory, so a rename or a new file survives a power loss (rename(2) is atomic but
/// only durable once the directory's entry is flushed). .NET has no API for it, hence open + fsync.
/// </summary>
public static class DirectorySync
{
    // O_RDONLY is 0 everywhere; O_DIRECTORY differs between Linux architectures and macOS, and a
    // read-only open of a directory is all fsync needs.
    private const int ReadOnly = 0;

    /// <summary>Flushes the directory entry table; a no-op on Windows, where NTFS has no equivalent call.</summary>
    /// <exception cref="IOException">The directory could not be opened or flushed.</exception>
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"open({directory}) for fsync failed: errno {Marshal.GetLastPInvokeError()}");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync({directory}) failed: errno {Marshal.GetLastPInvokeError()}");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // DllImport rather than LibraryImport: the generated stubs need AllowUnsafeBlocks, which this
    // project does not otherwise want, and these three calls are not on a hot path.
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}

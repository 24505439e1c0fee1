using System.Runtime.InteropServices;

namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// fsync of a directory. .NET has no API for it, yet without it a newly created or renamed file
/// can vanish after a power loss even though its contents were fsync'd (see fsync(2): "Calling
/// fsync() does not necessarily ensure that the entry in the directory containing the file has
/// also reached disk. For that an explicit fsync() on a file descriptor for the directory is also
/// needed."). On Windows this is a no-op: NTFS journals its metadata.
/// </summary>
internal static partial class DirectorySync
{
    private const int EINTR = 4;

    public static void Sync(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, ReadOnlyDirectoryFlags());
        if (fd < 0)
        {
            throw Error("open", directory);
        }

        try
        {
            int result;
            do
            {
                result = Fsync(fd);
            }
            while (result != 0 && Marshal.GetLastPInvokeError() == EINTR);

            if (result != 0)
            {
                throw Error("fsync", directory);
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    // O_RDONLY is 0 everywhere; O_DIRECTORY differs by OS and, on Linux, by architecture.
    private static int ReadOnlyDirectoryFlags()
    {
        if (OperatingSystem.IsMacOS() || OperatingSystem.IsIOS())
        {
            return 0x100000;
        }

        if (OperatingSystem.IsFreeBSD())
        {
            return 0x20000;
        }

        return RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x4000 : 0x10000;
    }

    private static IOException Error(string call, string directory)
    {
        var errno = Marshal.GetLastPInvokeError();
        return new IOException($"{call}({directory}) failed: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno})");
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

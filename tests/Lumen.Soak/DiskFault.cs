using System.Diagnostics;
using System.Globalization;

namespace Lumen.Soak;

/// <summary>
/// A real full disk: the state directory lives on a small tmpfs mounted for the soak (needs root and
/// <c>mount</c>; <see cref="TryMount"/> says when it cannot be had, and the soak then leaves the
/// ENOSPC fault out and says so). <see cref="Fill"/> writes a filler file until the filesystem refuses
/// with ENOSPC; <see cref="Free"/> deletes it.
/// </summary>
internal sealed class DiskFault : IDisposable
{
    private const string FillerName = "soak-filler";

    private DiskFault(string mountPoint)
    {
        MountPoint = mountPoint;
    }

    public string MountPoint { get; }

    private string Filler => Path.Combine(MountPoint, FillerName);

    /// <summary>Mounts a tmpfs of <paramref name="megabytes"/> MiB on a new temp directory; null with the reason when that is not possible here.</summary>
    public static DiskFault? TryMount(int megabytes, out string? why)
    {
        why = null;
        if (!OperatingSystem.IsLinux())
        {
            why = "not Linux";
            return null;
        }

        var dir = Directory.CreateTempSubdirectory("lumen-soak-tmpfs-").FullName;
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"size={megabytes.ToString(CultureInfo.InvariantCulture)}m,mode=0700", "tmpfs", dir);
        if (code != 0)
        {
            Directory.Delete(dir);
            why = $"mount -t tmpfs failed ({output.Trim()}); it needs root";
            return null;
        }

        return new DiskFault(dir);
    }

    /// <summary>Writes zeros until ENOSPC; returns the bytes written.</summary>
    public long Fill()
    {
        var chunk = new byte[1 << 16];
        long written = 0;
        using var file = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.Read, 1, FileOptions.None);
        try
        {
            while (true)
            {
                file.Write(chunk);
                written += chunk.Length;
            }
        }
        catch (IOException)
        {
            // ENOSPC: the filesystem is full now (less than one chunk left).
        }

        // Fill the last partial chunk too, byte by byte in small steps.
        foreach (var size in new[] { 4096, 512, 1 })
        {
            var small = new byte[size];
            try
            {
                while (true)
                {
                    file.Write(small);
                    file.Flush();
                    written += size;
                }
            }
            catch (IOException)
            {
                // Full at this granularity.
            }
        }

        return written;
    }

    public void Free()
    {
        if (File.Exists(Filler))
        {
            File.Delete(Filler);
        }
    }

    public void Dispose()
    {
        Free();
        var (code, _) = Run("umount", "-l", MountPoint);
        if (code == 0)
        {
            try
            {
                Directory.Delete(MountPoint, recursive: true);
            }
            catch (IOException)
            {
                // Left behind in /tmp; harmless.
            }
        }
    }

    private static (int Code, string Output) Run(string file, params string[] args)
    {
        try
        {
            var start = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var a in args)
            {
                start.ArgumentList.Add(a);
            }

            using var p = Process.Start(start)!;
            var output = p.StandardError.ReadToEnd() + p.StandardOutput.ReadToEnd();
            p.WaitForExit();
            return (p.ExitCode, output);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return (-1, ex.Message);
        }
    }
}

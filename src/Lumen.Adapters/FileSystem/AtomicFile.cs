namespace Lumen.Adapters.FileSystem;

/// <summary>
/// Replaces a file's content all at once: readers see the old file or the new one, never a mix,
/// and after a crash the file is one or the other. Temp file in the same directory (rename is only
/// atomic within one file system) + fsync + rename + fsync of the directory.
/// </summary>
public static class AtomicFile
{
    private static readonly System.Text.UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Writes <paramref name="content"/> as UTF-8 (no BOM), atomically and durably; see
    /// <see cref="WriteAllBytesAsync"/>. Creates the directory when missing.</summary>
    public static void Write(string path, string content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(content);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        WriteAllBytesAsync(path, Utf8.GetBytes(content), CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Writes <paramref name="content"/> to <paramref name="path"/>. An existing file's Unix mode is
    /// kept (ownership cannot be, without privileges). The temp name starts with a dot and ends in
    /// <c>.tmp</c> so collectors that glob <c>*.prom</c> never read a half-written file.
    /// </summary>
    public static async Task WriteAllBytesAsync(string path, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(path);
        var directory = Path.GetDirectoryName(fullPath)
            ?? throw new ArgumentException($"{path} has no directory", nameof(path));
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            await using (var stream = new FileStream(temp, options))
            {
                await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            if (!OperatingSystem.IsWindows() && File.Exists(fullPath))
            {
                File.SetUnixFileMode(temp, File.GetUnixFileMode(fullPath));
            }

            File.Move(temp, fullPath, overwrite: true);
            DirectorySync.Flush(directory);
        }
        finally
        {
            // After a successful move the temp name no longer exists; this only cleans up failures.
            File.Delete(temp);
        }
    }
}

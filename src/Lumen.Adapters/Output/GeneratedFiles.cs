using Lumen.Adapters.FileSystem;
using System.Collections.Immutable;

namespace Lumen.Adapters.Output;

/// <summary>Compares generated files with the disk and writes the ones that differ, each atomically.</summary>
public static class GeneratedFiles
{
    public static FileChange Compare(GeneratedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (!File.Exists(file.Path))
        {
            return FileChange.Created;
        }

        return File.ReadAllText(file.Path) == file.Content ? FileChange.Unchanged : FileChange.Updated;
    }

    /// <summary>The diff <c>--dry-run</c> shows for one file (empty when nothing would change).</summary>
    public static string Diff(GeneratedFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var old = File.Exists(file.Path) ? File.ReadAllText(file.Path) : "";
        return old == file.Content ? "" : TextDiff.Unified(old, file.Content, File.Exists(file.Path) ? file.Path : "/dev/null", file.Path);
    }

    /// <summary>Writes every file whose content differs; returns what happened to each, in order.</summary>
    public static ImmutableArray<(GeneratedFile File, FileChange Change)> WriteAll(IEnumerable<GeneratedFile> files)
    {
        var results = ImmutableArray.CreateBuilder<(GeneratedFile, FileChange)>();
        foreach (var file in files)
        {
            var change = Compare(file);
            if (change != FileChange.Unchanged)
            {
                AtomicFile.Write(file.Path, file.Content);
            }

            results.Add((file, change));
        }

        return results.ToImmutable();
    }
}

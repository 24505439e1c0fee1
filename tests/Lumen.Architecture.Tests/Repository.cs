namespace Lumen.Architecture.Tests;

/// <summary>The repository checkout the tests run from (the directory holding Lumen.slnx).</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    /// <summary>Files under <paramref name="folders"/> (relative to the root) with one of <paramref name="extensions"/>, build output excluded.</summary>
    public static IEnumerable<string> Files(string[] folders, params string[] extensions)
    {
        foreach (var folder in folders)
        {
            var path = PathOf(folder);
            if (File.Exists(path))
            {
                yield return path;
                continue;
            }

            if (!Directory.Exists(path))
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories))
            {
                var relative = Relative(file);
                if (IsBuildOutput(relative) || !extensions.Any(e => file.EndsWith(e, StringComparison.Ordinal)))
                {
                    continue;
                }

                yield return file;
            }
        }
    }

    public static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    private static bool IsBuildOutput(string relative) =>
        relative.Split('/').Any(segment => segment is "bin" or "obj" or "node_modules" or "artifacts" or "BenchmarkDotNet.Artifacts");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Lumen.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Lumen.slnx not found above " + AppContext.BaseDirectory);
    }
}

namespace Lumen.Adapters.Tests.Thresholds;

/// <summary>The repository checkout the tests run from (the directory holding Lumen.slnx).</summary>
internal static class RepoRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(System.IO.Path.Combine(dir.FullName, "Lumen.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Lumen.slnx not found above " + AppContext.BaseDirectory);
    }
}

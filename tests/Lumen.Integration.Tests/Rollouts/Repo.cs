namespace Lumen.Integration.Tests.Rollouts;

/// <summary>The repository root (where Lumen.slnx is), for the shipped manifests and examples.</summary>
internal static class Repo
{
    public static string Root()
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

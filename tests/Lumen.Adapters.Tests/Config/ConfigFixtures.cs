using Lumen.Core.Policy;

namespace Lumen.Adapters.Tests.Config;

/// <summary>Finds the test data and the shipped config, and builds temp config dirs from them.</summary>
internal static class ConfigFixtures
{
    public static string TestData => Path.Combine(AppContext.BaseDirectory, "TestData");

    public static string ValidDir => Path.Combine(TestData, "config-valid");

    public static string InvalidDir => Path.Combine(TestData, "config-invalid");

    /// <summary>The repository root: the first ancestor of the test binaries holding Lumen.slnx.</summary>
    public static string RepoRoot
    {
        get
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

    public static string ShippedDir => Path.Combine(RepoRoot, "config");

    /// <summary>The rows of cases.tsv: case, file, line, column, path, message fragment.</summary>
    public static IEnumerable<object[]> InvalidCases() =>
        File.ReadAllLines(Path.Combine(InvalidDir, "cases.tsv"))
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(c => new object[] { c[0], c[1], int.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture), c[4], c[5] });

    /// <summary>A temp copy of config-valid with the case's broken file(s) laid over it.</summary>
    public static TempDir BrokenCopy(string caseName)
    {
        var temp = ValidCopy();
        foreach (var file in Directory.GetFiles(Path.Combine(InvalidDir, caseName)))
        {
            File.Copy(file, Path.Combine(temp.Path, Path.GetFileName(file)), overwrite: true);
        }

        return temp;
    }

    public static TempDir ValidCopy()
    {
        var temp = new TempDir();
        foreach (var file in ConfigFiles.All)
        {
            File.Copy(Path.Combine(ValidDir, file), Path.Combine(temp.Path, file));
        }

        return temp;
    }
}

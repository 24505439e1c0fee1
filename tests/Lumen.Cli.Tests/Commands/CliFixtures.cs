using Lumen.Core.Policy;

namespace Lumen.Cli.Tests.Commands;

/// <summary>The config fixtures live with the adapter tests (tests/Lumen.Adapters.Tests/TestData);
/// found from the repository root so both test projects share one set.</summary>
internal static class CliFixtures
{
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

    public static string TestData => Path.Combine(RepoRoot, "tests", "Lumen.Adapters.Tests", "TestData");

    public static string ValidDir => Path.Combine(TestData, "config-valid");

    public static string InvalidDir => Path.Combine(TestData, "config-invalid");

    public static IEnumerable<object[]> InvalidCases() =>
        File.ReadAllLines(Path.Combine(InvalidDir, "cases.tsv"))
            .Skip(1)
            .Where(l => l.Length > 0)
            .Select(l => l.Split('\t'))
            .Select(c => new object[] { c[0], c[1], int.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture), int.Parse(c[3], System.Globalization.CultureInfo.InvariantCulture), c[4], c[5] });

    public static TempDir BrokenCopy(string caseName)
    {
        var temp = new TempDir();
        foreach (var file in ConfigFiles.All)
        {
            File.Copy(Path.Combine(ValidDir, file), Path.Combine(temp.Path, file));
        }

        foreach (var file in Directory.GetFiles(Path.Combine(InvalidDir, caseName)))
        {
            File.Copy(file, Path.Combine(temp.Path, Path.GetFileName(file)), overwrite: true);
        }

        return temp;
    }

    /// <summary>Names, sizes and write times of every file: proof that a command wrote nothing.</summary>
    public static string Snapshot(string dir) =>
        string.Join("\n", Directory.GetFiles(dir, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => $"{f} {new FileInfo(f).Length} {File.GetLastWriteTimeUtc(f).Ticks}"));
}

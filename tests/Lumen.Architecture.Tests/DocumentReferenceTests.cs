using System.Text.RegularExpressions;

namespace Lumen.Architecture.Tests;

/// <summary>
/// Every pointer into the documentation — a path under docs/ to a Markdown file, with or without an anchor, in code,
/// tests, config and docs, and relative links between the docs — names a file and a heading that exist.
/// </summary>
public sealed partial class DocumentReferenceTests
{
    private static readonly string[] Scanned = ["src", "tests", "docs", "config", "deploy", "sim", "scripts", "bench", ".github", "README.md", "Makefile"];

    [GeneratedRegex(@"docs/(?<file>[A-Za-z0-9_./-]+?\.md)(?:#(?<anchor>[A-Za-z0-9_-]+))?")]
    private static partial Regex DocPath();

    [GeneratedRegex(@"\]\((?<file>[A-Za-z0-9_./-]*?\.md)?(?:#(?<anchor>[A-Za-z0-9_-]+))?\)")]
    private static partial Regex MarkdownLink();

    /// <summary>A relative path that climbs out of the repository into a sibling folder of shared briefs (a parent step right before "shared/", not a longer path that merely contains it).</summary>
    [GeneratedRegex(@"(?<![.\w])\.\./shared/")]
    private static partial Regex OutsideFolder();

    [Fact]
    public void DocPaths_InCodeAndDocs_NameExistingFilesAndHeadings()
    {
        var broken = new List<string>();
        var checkedCount = 0;
        foreach (var file in Repository.Files(Scanned, ".cs", ".md", ".yaml", ".yml", ".sh", ".json", "Makefile"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match match in DocPath().Matches(lines[i]))
                {
                    checkedCount++;
                    var problem = Check(Repository.PathOf("docs", match.Groups["file"].Value), match.Groups["anchor"].Value);
                    if (problem is not null)
                    {
                        broken.Add($"{Repository.Relative(file)}:{i + 1}: {match.Value}: {problem}");
                    }
                }
            }
        }

        Assert.True(checkedCount > 100, $"only {checkedCount} references found: is the scan looking in the right place?");
        Assert.True(broken.Count == 0, string.Join(Environment.NewLine, broken));
    }

    [Fact]
    public void RelativeLinks_BetweenDocs_NameExistingFilesAndHeadings()
    {
        var broken = new List<string>();
        foreach (var file in Repository.Files(["docs", "README.md", "deploy"], ".md"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                foreach (Match match in MarkdownLink().Matches(lines[i]))
                {
                    var target = match.Groups["file"].Value;
                    var anchor = match.Groups["anchor"].Value;
                    if (target.Length == 0 && anchor.Length == 0)
                    {
                        continue;
                    }

                    var path = target.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, target));
                    var problem = Check(path, anchor);
                    if (problem is not null)
                    {
                        broken.Add($"{Repository.Relative(file)}:{i + 1}: {match.Value}: {problem}");
                    }
                }
            }
        }

        Assert.True(broken.Count == 0, string.Join(Environment.NewLine, broken));
    }

    [Fact]
    public void NothingCites_ADocumentOutsideTheRepository()
    {
        var design = "DESIGN" + " §";
        var offenders = Repository.Files(Scanned, ".cs", ".csproj", ".props", ".md", ".yaml", ".yml", ".sh", "Makefile")
            .Where(f => File.ReadAllText(f) is var text && (text.Contains(design, StringComparison.Ordinal) || OutsideFolder().IsMatch(text)))
            .Select(Repository.Relative)
            .ToList();

        Assert.True(offenders.Count == 0, "cite docs/ instead: " + string.Join(", ", offenders));
    }

    [GeneratedRegex(@"`(?<path>(?:Core|Adapters|Runtime|Simulator|Reports|Web|Cli|DemoService)/[A-Za-z0-9_./]+|[A-Za-z0-9_.]+\.cs)`")]
    private static partial Regex ArchitecturePath();

    [Fact]
    public void ArchitectureMap_NamesFilesAndFoldersThatExist()
    {
        var map = File.ReadAllText(Repository.PathOf("docs", "architecture.md"));
        var sources = Repository.Files(["src"], ".cs").Select(Repository.Relative).ToList();

        var named = ArchitecturePath().Matches(map).Select(m => m.Groups["path"].Value).Distinct(StringComparer.Ordinal).ToList();
        var missing = named.Where(path => path.Contains('/', StringComparison.Ordinal)
                ? !File.Exists(Repository.PathOf("src", "Lumen." + path)) && !Directory.Exists(Repository.PathOf("src", "Lumen." + path))
                : !sources.Any(s => s.EndsWith("/" + path, StringComparison.Ordinal)))
            .ToList();

        Assert.True(named.Count > 40, $"only {named.Count} paths found in docs/architecture.md");
        Assert.True(missing.Count == 0, "docs/architecture.md names what does not exist: " + string.Join(", ", missing));
    }

    [Theory]
    [InlineData("## The feature vector x (for the bandit)", "the-feature-vector-x-for-the-bandit")]
    [InlineData("### `lumen map`: see how Lumen reads your traffic", "lumen-map-see-how-lumen-reads-your-traffic")]
    [InlineData("## lumen-loop-stale", "lumen-loop-stale")]
    public void Anchors_FollowGitHubsRule(string heading, string anchor)
    {
        Assert.Contains(anchor, MarkdownAnchors.Of(heading));
    }

    [Fact]
    public void Anchors_NumberRepeatedHeadings_AndSkipCodeFences()
    {
        var anchors = MarkdownAnchors.Of("## Example\n```\n# not a heading\n```\n## Example\n");

        Assert.Equal(new[] { "example", "example-1" }, anchors.Order(StringComparer.Ordinal));
    }

    private static string? Check(string path, string anchor)
    {
        if (!File.Exists(path))
        {
            return "no such file";
        }

        return anchor.Length == 0 || MarkdownAnchors.Of(File.ReadAllText(path)).Contains(anchor) ? null : $"no heading #{anchor}";
    }
}

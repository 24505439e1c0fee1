namespace Lumen.Architecture.Tests;

/// <summary>
/// The decided edges between the product's projects (docs/architecture.md, "Projects and their
/// edges"). A reference that is not listed here is a violation: adding one is a design decision,
/// made by changing this table and the document together.
/// </summary>
internal static class ProjectRules
{
    private const string Core = "Lumen.Core";
    private const string Adapters = "Lumen.Adapters";
    private const string Runtime = "Lumen.Runtime";
    private const string Simulator = "Lumen.Simulator";
    private const string Reports = "Lumen.Reports";
    private const string Web = "Lumen.Web";
    private const string DemoService = "Lumen.DemoService";
    private const string Cli = "Lumen.Cli";

    /// <summary>
    /// Every product project and the projects it may reference. A product project sees another
    /// only through its public types: InternalsVisibleTo names test projects and the benchmarks only.
    /// </summary>
    public static IReadOnlyDictionary<string, string[]> AllowedReferences { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [Core] = [],
        [Adapters] = [Core],
        [Runtime] = [Core],
        [Simulator] = [Core],
        [Reports] = [Core, Adapters],
        [Web] = [Core, Adapters, Runtime],
        [DemoService] = [],
        [Cli] = [Core, Adapters, Runtime, Simulator, Reports, Web, DemoService],
    };

    /// <summary>Projects that must stay free of third-party packages (the pure decision core, the loop, and the
    /// simulator, which reads its environment files as the core's node tree with the YAML reader it is handed).</summary>
    public static IReadOnlySet<string> PackageFree { get; } = new HashSet<string>(StringComparer.Ordinal) { Core, Runtime, Simulator };

    /// <summary>Why <paramref name="project"/> breaks the rules; empty when it keeps them.</summary>
    public static IReadOnlyList<string> Violations(ProjectFile project)
    {
        if (!AllowedReferences.TryGetValue(project.Name, out var allowed))
        {
            return [$"{project.Name} is not in the table of product projects; add it with its allowed references"];
        }

        var problems = new List<string>();
        problems.AddRange(project.ProjectReferences
            .Where(r => !allowed.Contains(r, StringComparer.Ordinal))
            .Select(r => $"{project.Name} → {r} is not a decided edge"));
        if (PackageFree.Contains(project.Name))
        {
            problems.AddRange(project.Packages.Select(p => $"{project.Name} must not reference the package {p}"));
        }

        problems.AddRange(project.InternalsVisibleTo
            .Where(friend => !IsTestOrBench(friend))
            .Select(friend => $"{project.Name} shows its internals to the product assembly {friend}"));
        return problems;
    }

    private static bool IsTestOrBench(string assembly) =>
        assembly.EndsWith(".Tests", StringComparison.Ordinal) || assembly is "Lumen.Benchmarks" or "Lumen.LoopHarness" or "Lumen.TestKit";
}

namespace Lumen.Architecture.Tests;

public sealed class ProjectEdgeTests
{
    private static IReadOnlyList<ProjectFile> ProductProjects() =>
        Directory.GetFiles(Repository.PathOf("src"), "*.csproj", SearchOption.AllDirectories)
            .Where(p => !Repository.Relative(p).Contains("/bin/", StringComparison.Ordinal))
            .Select(ProjectFile.Load)
            .ToList();

    [Fact]
    public void EveryProductProject_KeepsItsDecidedEdges()
    {
        var projects = ProductProjects();

        Assert.Equal(ProjectRules.AllowedReferences.Keys.Order(StringComparer.Ordinal), projects.Select(p => p.Name).Order(StringComparer.Ordinal));
        var problems = projects.SelectMany(ProjectRules.Violations).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public void Violations_NameAForbiddenEdge()
    {
        const string csproj = """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="../Lumen.Adapters/Lumen.Adapters.csproj" />
                <PackageReference Include="YamlDotNet" />
                <InternalsVisibleTo Include="Lumen.Web" />
                <InternalsVisibleTo Include="Lumen.Runtime" />
                <InternalsVisibleTo Include="Lumen.Core.Tests" />
              </ItemGroup>
            </Project>
            """;

        var problems = ProjectRules.Violations(ProjectFile.Parse("Lumen.Core", csproj));

        Assert.Contains("Lumen.Core → Lumen.Adapters is not a decided edge", problems);
        Assert.Contains("Lumen.Core must not reference the package YamlDotNet", problems);
        Assert.Contains("Lumen.Core shows its internals to the product assembly Lumen.Web", problems);
        Assert.Contains("Lumen.Core shows its internals to the product assembly Lumen.Runtime", problems);
        Assert.Equal(4, problems.Count); // the test friend is allowed
    }

    [Fact]
    public void Violations_SimulatorWithAYamlPackageOrAnAdaptersEdge_AreForbidden()
    {
        // The simulator reads environment files as the core's node tree, with the YAML reader it is handed.
        const string csproj = """
            <Project Sdk="Microsoft.NET.Sdk">
              <ItemGroup>
                <ProjectReference Include="../Lumen.Core/Lumen.Core.csproj" />
                <ProjectReference Include="../Lumen.Adapters/Lumen.Adapters.csproj" />
                <PackageReference Include="YamlDotNet" />
              </ItemGroup>
            </Project>
            """;

        var problems = ProjectRules.Violations(ProjectFile.Parse("Lumen.Simulator", csproj));

        Assert.Equal(["Lumen.Simulator → Lumen.Adapters is not a decided edge", "Lumen.Simulator must not reference the package YamlDotNet"], problems);
    }

    [Fact]
    public void Violations_NameAnUnknownProject()
    {
        var problems = ProjectRules.Violations(ProjectFile.Parse("Lumen.Sideways", "<Project />"));

        Assert.Single(problems);
        Assert.Contains("not in the table", problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Violations_AcceptAnAllowedEdgeAndTestFriends()
    {
        const string csproj = """
            <Project><ItemGroup>
              <ProjectReference Include="..\Lumen.Core\Lumen.Core.csproj" />
              <InternalsVisibleTo Include="Lumen.Reports.Tests" />
            </ItemGroup></Project>
            """;

        Assert.Empty(ProjectRules.Violations(ProjectFile.Parse("Lumen.Reports", csproj)));
    }
}

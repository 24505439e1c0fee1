namespace Lumen.Architecture.Tests;

/// <summary>
/// Test helpers live in tests/Lumen.TestKit, not in the product (docs/testing.md): no product project
/// references the kit, and no product file declares one of its types or keeps a Harness folder.
/// </summary>
public sealed class TestKitTests
{
    /// <summary>The loop's test doubles that once shipped in Lumen.Runtime.</summary>
    private static readonly string[] HarnessTypes = ["ManualClock", "ScriptedSliSource", "HarnessConfig"];

    private static readonly string[] KitTypes = [.. HarnessTypes, "TempDirectory", "LoopbackPort", "LoopbackHttpServer"];

    [Fact]
    public void ProductProjects_DoNotReferenceTheTestKit()
    {
        var referencing = Directory.GetFiles(Repository.PathOf("src"), "*.csproj", SearchOption.AllDirectories)
            .Select(ProjectFile.Load)
            .Where(p => p.ProjectReferences.Contains("Lumen.TestKit", StringComparer.Ordinal))
            .Select(p => p.Name)
            .ToList();

        Assert.True(referencing.Count == 0, "product projects referencing the test kit: " + string.Join(", ", referencing));
    }

    [Fact]
    public void ProductCode_DeclaresNoTestKitType()
    {
        var declaring = Repository.Files(["src"], ".cs")
            .Select(Repository.Relative)
            .Where(f => f.Split('/').Contains("Harness", StringComparer.Ordinal) || HarnessTypes.Contains(Path.GetFileNameWithoutExtension(f), StringComparer.Ordinal))
            .ToList();

        Assert.True(declaring.Count == 0, "test helpers in the product (move them to tests/Lumen.TestKit): " + string.Join(", ", declaring));
    }

    [Fact]
    public void TestKit_IsWhereTheHarnessTypesLive()
    {
        foreach (var type in KitTypes)
        {
            Assert.True(File.Exists(Repository.PathOf("tests", "Lumen.TestKit", type + ".cs")), $"tests/Lumen.TestKit/{type}.cs is missing");
        }
    }
}

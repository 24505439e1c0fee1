using Lumen.Cli.Tests.Deploy;

namespace Lumen.Cli.Tests.Release;

/// <summary>The SBOM as <c>make package</c> makes it: the pinned CycloneDX .NET tool on the CLI project,
/// then <c>lumen sign-release</c> adds the artifacts; validated strictly by the CycloneDX JavaScript
/// library's JsonStrictValidator (ajv), as docs/VERIFYING.md says.</summary>
[Trait("Speed", "Slow")] // builds and validates a CycloneDX SBOM with node tools
public sealed class SbomTests : IDisposable
{
    private readonly FakeRelease _release = new();

    public void Dispose() => _release.Dispose();

    [Fact]
    public void CycloneDxToolSbom_AfterSealing_ValidatesStrictlyAndVerifies()
    {
        var sbom = _release.PathOf("lumen-0.1.0.cdx.json");
        File.Delete(sbom);
        var restore = Tool.Run("dotnet", Tool.RepoRoot, null, "tool", "restore");
        Assert.True(restore.ExitCode == 0, restore.Describe("dotnet tool restore"));
        var made = Tool.Run("dotnet", Tool.RepoRoot, null, "dotnet-CycloneDX", "src/Lumen.Cli/Lumen.Cli.csproj",
            "--recursive", "--exclude-test-projects", "--spec-version", "1.6", "--output-format", "Json",
            "--set-name", "lumen", "--set-version", "0.1.0", "--output", _release.Dir, "--filename", "lumen-0.1.0.cdx.json");
        Assert.True(made.ExitCode == 0 && File.Exists(sbom), made.Describe("dotnet-CycloneDX"));
        var text = File.ReadAllText(sbom);
        Assert.Contains("pkg:nuget/YamlDotNet@18.1.0", text, StringComparison.Ordinal);
        Assert.Contains("pkg:nuget/Spectre.Console.Cli@0.57.2", text, StringComparison.Ordinal);

        Assert.Equal(0, _release.Seal().Exit);
        var valid = Tool.Node("validate-sbom.mjs", Tool.RepoRoot, sbom);

        Assert.True(valid.ExitCode == 0, valid.Describe("validate-sbom.mjs"));
        Assert.Contains("valid CycloneDX 1.6 (strict)", valid.StdOut, StringComparison.Ordinal);
        Assert.Equal(0, _release.Verify().Exit);
    }

    [Fact]
    public void StrictValidator_UnknownProperty_Rejected()
    {
        // The check above would pass vacuously if the validator accepted anything.
        var sbom = _release.PathOf("lumen-0.1.0.cdx.json");
        File.WriteAllText(sbom, FakeRelease.MinimalSbom.Replace("\"version\":1,", "\"version\":1,\"signedBy\":\"me\",", StringComparison.Ordinal));

        var result = Tool.Node("validate-sbom.mjs", Tool.RepoRoot, sbom);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("additionalProperties", result.StdErr, StringComparison.Ordinal);
    }
}

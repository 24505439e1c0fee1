using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Lumen.Adapters.Release;

namespace Lumen.Cli.Tests.Release;

public sealed class VerifyReleaseCommandTests : IDisposable
{
    private readonly FakeRelease _release = new();

    public void Dispose() => _release.Dispose();

    [Fact]
    public void SignThenVerify_GoodRelease_ExitsZeroCheckingEveryArtifact()
    {
        var (signExit, signed) = _release.Seal();
        Assert.True(signExit == 0, signed);

        var (exit, output) = _release.Verify();

        Assert.True(exit == 0, output);
        foreach (var name in new[] { "lumen", "lumen-0.1.0-linux-x64.tar.gz", "Lumen.Cli.0.1.0.nupkg", "lumen-0.1.0.cdx.json", "SHA256SUMS" })
        {
            Assert.True(File.Exists(_release.PathOf(name + ".sig")), $"{name}.sig missing");
            Assert.Contains($"ok      {name}:", output, StringComparison.Ordinal);
        }

        Assert.Contains("valid: ", output, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_WritesSumsInSha256sumFormatAndTheArtifactsIntoTheSbom()
    {
        Assert.Equal(0, _release.Seal().Exit);

        var sums = File.ReadAllLines(_release.PathOf("SHA256SUMS"));
        Assert.Equal(4, sums.Length);
        var binary = Sha256Sums.OfFile(_release.PathOf("lumen"));
        Assert.Contains($"{binary}  lumen", sums);

        var sbom = JsonNode.Parse(File.ReadAllText(_release.PathOf("lumen-0.1.0.cdx.json")))!;
        var file = sbom["components"]!.AsArray().Single(c => (string?)c!["bom-ref"] == "file:lumen")!;
        Assert.Equal("file", (string?)file["type"]);
        Assert.Equal(binary, (string?)file["hashes"]![0]!["content"]);
        Assert.Contains(sbom["components"]!.AsArray(), c => (string?)c!["name"] == "YamlDotNet");
    }

    [Fact]
    public void Verify_OneFlippedByteInAnyFile_ExitsOneNamingIt()
    {
        Assert.Equal(0, _release.Seal().Exit);
        var files = Directory.GetFiles(_release.Dir).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(10, files.Count); // 4 artifacts + SHA256SUMS, each with its .sig

        foreach (var name in files)
        {
            _release.FlipByte(name);
            var (exit, output) = _release.Verify();
            _release.FlipByte(name); // flipping again restores the byte

            Assert.True(exit == 1, $"a flipped byte in {name} was not caught:\n{output}");
            var subject = name.EndsWith(".sig", StringComparison.Ordinal) ? name[..^4] : name;
            Assert.Contains($"FAILED  {subject}", output, StringComparison.Ordinal);
        }

        Assert.Equal(0, _release.Verify().Exit);
    }

    [Fact]
    public void Verify_OtherPublicKey_ExitsOne()
    {
        Assert.Equal(0, _release.Seal().Exit);
        var other = Path.Combine(Path.GetDirectoryName(_release.Dir)!, "other.pub");
        using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
        {
            File.WriteAllText(other, key.ExportSubjectPublicKeyInfoPem());
        }

        var (exit, output) = _release.Verify(other);

        Assert.Equal(1, exit);
        Assert.Contains("does not verify with the public key", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ExtraUnsignedFile_ExitsOne()
    {
        Assert.Equal(0, _release.Seal().Exit);
        File.WriteAllText(_release.PathOf("install.sh"), "curl | sh\n");

        var (exit, output) = _release.Verify();

        Assert.Equal(1, exit);
        Assert.Contains("FAILED  install.sh: not listed in SHA256SUMS; no signature", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RemovedArtifact_ExitsOne()
    {
        Assert.Equal(0, _release.Seal().Exit);
        File.Delete(_release.PathOf("Lumen.Cli.0.1.0.nupkg"));

        var (exit, output) = _release.Verify();

        Assert.Equal(1, exit);
        Assert.Contains("Lumen.Cli.0.1.0.nupkg: listed in SHA256SUMS but missing", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_SbomHashDiffersFromFile_EvenWhenResigned_ExitsOne()
    {
        Assert.Equal(0, _release.Seal().Exit);
        var sbomPath = _release.PathOf("lumen-0.1.0.cdx.json");
        var sbom = File.ReadAllText(sbomPath).Replace(Sha256Sums.OfFile(_release.PathOf("lumen")), new string('0', 64), StringComparison.Ordinal);
        File.WriteAllText(sbomPath, sbom);
        ResignSumsAndSignatures();

        var (exit, output) = _release.Verify();

        Assert.Equal(1, exit);
        Assert.Contains("FAILED  lumen-0.1.0.cdx.json: lumen: the SBOM's SHA-256 0000", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MalformedComponentHashInSbom_ExitsOne()
    {
        Assert.Equal(0, _release.Seal().Exit);
        var sbomPath = _release.PathOf("lumen-0.1.0.cdx.json");
        File.WriteAllText(sbomPath, File.ReadAllText(sbomPath).Replace("0123456789abcdef0123", "0123456789abcdef012", StringComparison.Ordinal));
        ResignSumsAndSignatures();

        var (exit, output) = _release.Verify();

        Assert.Equal(1, exit);
        Assert.Contains("component pkg:nuget/YamlDotNet@18.1.0: malformed SHA-512 hash", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_MissingPubkeyOrDirectory_ExitsTwo()
    {
        Assert.Equal(2, FakeRelease.Run(null, "verify-release", _release.Dir).Exit);
        Assert.Equal(2, FakeRelease.Run(null, "verify-release", _release.PathOf("nope"), "--pubkey", _release.PublicKeyFile).Exit);
        Assert.Equal(2, FakeRelease.Run(null, "verify-release", _release.Dir, "--pubkey", _release.PathOf("nope.pub")).Exit);
    }

    [Fact]
    public void Verify_EmptyDirectory_ExitsOne()
    {
        var empty = Path.Combine(Path.GetDirectoryName(_release.Dir)!, "empty");
        Directory.CreateDirectory(empty);

        var (exit, output) = FakeRelease.Run(null, "verify-release", empty, "--pubkey", _release.PublicKeyFile);

        Assert.Equal(1, exit);
        Assert.Contains("INVALID", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_NoKey_ExitsTwoAndWritesNothing()
    {
        var before = Directory.GetFiles(_release.Dir).Length;

        var (exit, output) = FakeRelease.Run(null, "sign-release", _release.Dir);

        Assert.Equal(2, exit);
        Assert.Contains("LUMEN_RELEASE_KEY_FILE", output, StringComparison.Ordinal);
        Assert.Equal(before, Directory.GetFiles(_release.Dir).Length);
    }

    [Fact]
    public void Sign_PublicKeyGivenAsPrivate_ExitsTwoNamingTheFileOnly()
    {
        var (exit, output) = FakeRelease.Run(new Dictionary<string, string> { ["LUMEN_RELEASE_KEY_FILE"] = _release.PublicKeyFile }, "sign-release", _release.Dir);

        Assert.Equal(2, exit);
        Assert.Contains($"{_release.PublicKeyFile}: expected an ECDSA P-256 private key", output, StringComparison.Ordinal);
        Assert.False(File.Exists(_release.PathOf("SHA256SUMS")));
    }

    [Fact]
    public void SignAndVerify_ThePrivateKeyNeverAppearsInAnyOutput()
    {
        var secretLine = _release.PrivateKeyPem.Split('\n')[1];
        var (_, signOut) = _release.Seal();
        var (_, verifyOut) = _release.Verify();
        _release.FlipByte("lumen");
        var (_, failedOut) = _release.Verify();
        // A private key given where the public key belongs: the error must not quote it.
        var (_, wrongKeyOut) = _release.Verify(_release.PrivateKeyFile);
        var (_, envKeyOut) = FakeRelease.Run(new Dictionary<string, string> { ["LUMEN_RELEASE_KEY"] = "-----BEGIN EC PRIVATE KEY-----\n" + secretLine + "\n-----END EC PRIVATE KEY-----\n" }, "sign-release", _release.Dir);

        foreach (var output in new[] { signOut, verifyOut, failedOut, wrongKeyOut, envKeyOut })
        {
            Assert.DoesNotContain(secretLine, output, StringComparison.Ordinal);
            Assert.DoesNotContain(_release.PrivateKeyBody[..40], output, StringComparison.Ordinal);
        }

        foreach (var file in Directory.GetFiles(_release.Dir))
        {
            Assert.DoesNotContain(secretLine, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }

    private void ResignSumsAndSignatures()
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(_release.PrivateKeyFile));
        var artifacts = ReleaseLayout.Artifacts(_release.Dir);
        File.WriteAllText(_release.PathOf("SHA256SUMS"),
            Sha256Sums.Format(artifacts.Select(a => KeyValuePair.Create(a, Sha256Sums.OfFile(_release.PathOf(a))))));
        foreach (var name in artifacts.Append("SHA256SUMS"))
        {
            File.WriteAllText(_release.PathOf(name + ".sig"), BlobSignature.Sign(key, _release.PathOf(name)));
        }
    }
}

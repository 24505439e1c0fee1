using System.Security.Cryptography;
using Lumen.Core.Policy;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Release;

/// <summary>
/// A small release directory (stand-ins for the binary, tarball and tool package, plus a minimal
/// CycloneDX SBOM) and a throwaway ECDSA P-256 key pair in PEM files outside it; <see cref="Seal"/>
/// runs the real <c>lumen sign-release</c> with the key given as <c>LUMEN_RELEASE_KEY_FILE</c>.
/// </summary>
internal sealed class FakeRelease : IDisposable
{
    public const string MinimalSbom = """
        {"bomFormat":"CycloneDX","specVersion":"1.6","version":1,
         "metadata":{"component":{"type":"application","bom-ref":"lumen@0.1.0","name":"lumen","version":"0.1.0"}},
         "components":[{"type":"library","bom-ref":"pkg:nuget/YamlDotNet@18.1.0","name":"YamlDotNet","version":"18.1.0",
           "purl":"pkg:nuget/YamlDotNet@18.1.0",
           "hashes":[{"alg":"SHA-512","content":"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}]}]}
        """;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "lumen-release-" + Guid.NewGuid().ToString("N"));

    public FakeRelease()
    {
        Dir = Path.Combine(_root, "release");
        Directory.CreateDirectory(Dir);
        var random = new Random(16);
        WriteBytes("lumen", random, 4096);
        WriteBytes("lumen-0.1.0-linux-x64.tar.gz", random, 2048);
        WriteBytes("Lumen.Cli.0.1.0.nupkg", random, 1024);
        File.WriteAllText(Path.Combine(Dir, "lumen-0.1.0.cdx.json"), MinimalSbom);

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        PrivateKeyPem = key.ExportECPrivateKeyPem();
        PrivateKeyFile = Path.Combine(_root, "release-key.pem");
        PublicKeyFile = Path.Combine(_root, "release-key.pub");
        File.WriteAllText(PrivateKeyFile, PrivateKeyPem);
        File.WriteAllText(PublicKeyFile, key.ExportSubjectPublicKeyInfoPem());
    }

    public string Dir { get; }

    public string PrivateKeyPem { get; }

    public string PrivateKeyFile { get; }

    public string PublicKeyFile { get; }

    /// <summary>The private key's base64 body, one line: the secret that must never appear in any output.</summary>
    public string PrivateKeyBody => string.Concat(PrivateKeyPem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));

    public string PathOf(string name) => Path.Combine(Dir, name);

    public (int Exit, string Output) Seal() =>
        Run(new Dictionary<string, string> { ["LUMEN_RELEASE_KEY_FILE"] = PrivateKeyFile }, "sign-release", Dir);

    public (int Exit, string Output) Verify(string? publicKeyFile = null) =>
        Run(null, "verify-release", Dir, "--pubkey", publicKeyFile ?? PublicKeyFile);

    public static (int Exit, string Output) Run(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var console = new TestConsole().Width(400);
        var exit = LumenApp.Run(args, console, new DictionaryEnvironmentVariables(env ?? new Dictionary<string, string>()));
        return (exit, console.Output);
    }

    /// <summary>Flips every bit of the byte in the middle of the file.</summary>
    public void FlipByte(string name)
    {
        var bytes = File.ReadAllBytes(PathOf(name));
        bytes[bytes.Length / 2] ^= 0xFF;
        File.WriteAllBytes(PathOf(name), bytes);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private void WriteBytes(string name, Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        File.WriteAllBytes(Path.Combine(Dir, name), bytes);
    }
}

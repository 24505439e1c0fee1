using System.Security.Cryptography;

namespace Lumen.Adapters.Release;

/// <summary>
/// Checks a release directory against a public key (docs/VERIFYING.md): <c>SHA256SUMS</c> is
/// signed by the key and lists exactly the artifacts present, each with its SHA-256; each artifact
/// has a valid signature; the SBOM names every other artifact with its SHA-256 and every hash in it
/// is well formed. Reads only; a changed byte in any file fails at least one check.
/// </summary>
public static class ReleaseVerifier
{
    public static ReleaseVerifyReport Verify(string directory, ECDsa key)
    {
        var checks = new List<ReleaseCheck>();
        var artifacts = ReleaseLayout.Artifacts(directory);
        var actual = artifacts.ToDictionary(a => a, a => Sha256Sums.OfFile(Path.Combine(directory, a)), StringComparer.Ordinal);

        var listed = CheckSums(directory, key, checks);
        foreach (var name in artifacts)
        {
            checks.Add(CheckArtifact(directory, key, name, actual[name], listed));
        }

        if (listed is not null)
        {
            checks.AddRange(listed.Keys.Where(n => !actual.ContainsKey(n)).Order(StringComparer.Ordinal)
                .Select(n => new ReleaseCheck(n, false, $"listed in {ReleaseLayout.SumsFile} but missing")));
        }

        checks.AddRange(Directory.GetFiles(directory, "*" + ReleaseLayout.SignatureSuffix).Select(Path.GetFileName).OfType<string>()
            .Select(sig => sig[..^ReleaseLayout.SignatureSuffix.Length])
            .Where(target => target != ReleaseLayout.SumsFile && !actual.ContainsKey(target))
            .Order(StringComparer.Ordinal)
            .Select(target => new ReleaseCheck(ReleaseLayout.SignatureOf(target), false, "a signature of a file that is not in the release")));

        checks.Add(CheckSbom(directory, artifacts, actual));
        return new ReleaseVerifyReport(checks, artifacts.Count);
    }

    private static IReadOnlyDictionary<string, string>? CheckSums(string directory, ECDsa key, List<ReleaseCheck> checks)
    {
        var path = Path.Combine(directory, ReleaseLayout.SumsFile);
        if (!File.Exists(path))
        {
            checks.Add(new ReleaseCheck(ReleaseLayout.SumsFile, false, "missing"));
            return null;
        }

        var signature = SignatureCheck(directory, key, ReleaseLayout.SumsFile);
        if (!Sha256Sums.TryParse(File.ReadAllText(path), out var sums, out var error))
        {
            checks.Add(new ReleaseCheck(ReleaseLayout.SumsFile, false, error!));
            return null;
        }

        checks.Add(new ReleaseCheck(ReleaseLayout.SumsFile, signature is null, signature ?? $"signature valid, {sums.Count} files listed"));
        return sums;
    }

    private static ReleaseCheck CheckArtifact(string directory, ECDsa key, string name, string actual,
        IReadOnlyDictionary<string, string>? listed)
    {
        var problems = new List<string>();
        if (listed is not null)
        {
            if (!listed.TryGetValue(name, out var expected))
            {
                problems.Add($"not listed in {ReleaseLayout.SumsFile}");
            }
            else if (expected != actual)
            {
                problems.Add($"SHA-256 {actual} differs from {ReleaseLayout.SumsFile}'s {expected}");
            }
        }

        if (SignatureCheck(directory, key, name) is { } signature)
        {
            problems.Add(signature);
        }

        return problems.Count == 0
            ? new ReleaseCheck(name, true, $"sha256 {actual[..16]}… matches, signature valid")
            : new ReleaseCheck(name, false, string.Join("; ", problems));
    }

    /// <summary>Null when X.sig is a valid signature of X, else what is wrong.</summary>
    private static string? SignatureCheck(string directory, ECDsa key, string name)
    {
        var sigPath = Path.Combine(directory, ReleaseLayout.SignatureOf(name));
        if (!File.Exists(sigPath))
        {
            return $"no signature ({ReleaseLayout.SignatureOf(name)})";
        }

        return BlobSignature.Verify(key, Path.Combine(directory, name), File.ReadAllText(sigPath))
            ? null
            : $"signature {ReleaseLayout.SignatureOf(name)} does not verify with the public key";
    }

    private static ReleaseCheck CheckSbom(string directory, IReadOnlyList<string> artifacts, IReadOnlyDictionary<string, string> actual)
    {
        var sboms = artifacts.Where(ReleaseLayout.IsSbom).ToList();
        if (sboms.Count != 1)
        {
            return new ReleaseCheck("SBOM", false, $"expected one *{ReleaseLayout.SbomSuffix} file, found {sboms.Count}");
        }

        var others = actual.Where(a => !ReleaseLayout.IsSbom(a.Key)).ToDictionary(StringComparer.Ordinal);
        var problems = SbomArtifacts.Check(File.ReadAllText(Path.Combine(directory, sboms[0])), others);
        return problems.Count == 0
            ? new ReleaseCheck(sboms[0], true, $"SBOM lists the {others.Count} other artifacts with matching SHA-256; component hashes well formed")
            : new ReleaseCheck(sboms[0], false, string.Join("; ", problems));
    }
}

using System.Security.Cryptography;

namespace Lumen.Adapters.Release;

/// <summary>
/// Seals a release directory: records every other artifact's SHA-256 in the SBOM, writes
/// <c>SHA256SUMS</c>, and writes <c>X.sig</c> for every artifact and for <c>SHA256SUMS</c>.
/// Earlier sums and signatures are replaced, so sealing twice gives the same checks.
/// </summary>
public static class ReleaseSigner
{
    /// <summary>Returns the files signed, or throws <see cref="InvalidDataException"/> when the directory
    /// does not hold exactly one SBOM and at least one other artifact.</summary>
    public static IReadOnlyList<string> Seal(string directory, ECDsa key, string version)
    {
        foreach (var stale in Directory.GetFiles(directory, "*" + ReleaseLayout.SignatureSuffix)
                     .Append(Path.Combine(directory, ReleaseLayout.SumsFile)).Where(File.Exists))
        {
            File.Delete(stale);
        }

        var artifacts = ReleaseLayout.Artifacts(directory);
        var sboms = artifacts.Where(ReleaseLayout.IsSbom).ToList();
        if (sboms.Count != 1 || artifacts.Count < 2)
        {
            throw new InvalidDataException(
                $"{directory}: expected one SBOM (*{ReleaseLayout.SbomSuffix}) and at least one other artifact, found {sboms.Count} SBOM(s) among {artifacts.Count} file(s)");
        }

        var sbomPath = Path.Combine(directory, sboms[0]);
        var others = artifacts.Where(a => !ReleaseLayout.IsSbom(a))
            .Select(a => KeyValuePair.Create(a, Sha256Sums.OfFile(Path.Combine(directory, a)))).ToList();
        WriteAtomically(sbomPath, SbomArtifacts.Attach(File.ReadAllText(sbomPath), others, version));

        var sums = others.Append(KeyValuePair.Create(sboms[0], Sha256Sums.OfFile(sbomPath)));
        WriteAtomically(Path.Combine(directory, ReleaseLayout.SumsFile), Sha256Sums.Format(sums));

        var signed = artifacts.Append(ReleaseLayout.SumsFile).ToList();
        foreach (var name in signed)
        {
            var signature = BlobSignature.Sign(key, Path.Combine(directory, name));
            WriteAtomically(Path.Combine(directory, ReleaseLayout.SignatureOf(name)), signature);
        }

        return signed;
    }

    private static void WriteAtomically(string path, string text)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, text);
        File.Move(temp, path, overwrite: true);
    }
}

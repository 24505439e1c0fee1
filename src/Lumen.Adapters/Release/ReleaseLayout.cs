namespace Lumen.Adapters.Release;

/// <summary>
/// The names in a release directory (docs/VERIFYING.md): every artifact <c>X</c> has a signature
/// <c>X.sig</c>; <c>SHA256SUMS</c> lists every artifact and is signed too; the SBOM is the one
/// <c>*.cdx.json</c> file.
/// </summary>
public static class ReleaseLayout
{
    /// <summary>The checksum file, in the format of GNU <c>sha256sum</c> (<c>HEX␠␠NAME</c>).</summary>
    public const string SumsFile = "SHA256SUMS";

    /// <summary>Appended to an artifact's name for its signature file.</summary>
    public const string SignatureSuffix = ".sig";

    /// <summary>The SBOM's name ends with this (CycloneDX JSON).</summary>
    public const string SbomSuffix = ".cdx.json";

    /// <summary>The artifacts of a release directory, sorted by ordinal name: every regular file
    /// except signatures and the checksum file.</summary>
    public static IReadOnlyList<string> Artifacts(string directory) =>
        [.. Directory.GetFiles(directory)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(name => name != SumsFile && !name.EndsWith(SignatureSuffix, StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)];

    /// <summary>The signature file of <paramref name="name"/>.</summary>
    public static string SignatureOf(string name) => name + SignatureSuffix;

    /// <summary>True for the SBOM's file name.</summary>
    public static bool IsSbom(string name) => name.EndsWith(SbomSuffix, StringComparison.Ordinal);
}

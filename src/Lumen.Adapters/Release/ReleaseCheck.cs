namespace Lumen.Adapters.Release;

/// <summary>One finding of <see cref="ReleaseVerifier"/>: a file (or "SBOM") and whether it passed, with why.</summary>
public sealed record ReleaseCheck(string Subject, bool Ok, string Detail);

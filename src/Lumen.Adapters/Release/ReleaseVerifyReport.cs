namespace Lumen.Adapters.Release;

/// <summary>Every check <see cref="ReleaseVerifier"/> made; valid only when each passed and there was at least one artifact.</summary>
public sealed record ReleaseVerifyReport(IReadOnlyList<ReleaseCheck> Checks, int Artifacts)
{
    public bool Valid => Artifacts > 0 && Checks.All(c => c.Ok);

    public IEnumerable<ReleaseCheck> Failures => Checks.Where(c => !c.Ok);
}

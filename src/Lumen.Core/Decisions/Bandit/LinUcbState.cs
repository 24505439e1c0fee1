using System.Collections.Immutable;

namespace Lumen.Core.Decisions.Bandit;

/// <summary>
/// The saved form of a <see cref="LinUcbModel"/> (docs/bandit.md, "Saved state"). Matrices are
/// row-major; doubles are written in .NET's shortest round-trip form, so a save/load cycle is
/// bit-exact.
/// </summary>
public sealed record LinUcbState(
    string Format,
    int Version,
    int Dimension,
    double Ridge,
    int RecomputeEvery,
    ulong Seed,
    long Decisions,
    ImmutableArray<LinUcbArmState> Arms)
{
    public const string FormatName = "lumen.linucb";
    public const int CurrentVersion = 1;
}

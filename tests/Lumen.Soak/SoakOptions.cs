namespace Lumen.Soak;

/// <summary>
/// One soak: the seed of its schedule, how long faults are injected (a warm-up before and a drain
/// after come on top: at most ~3 minutes), which kinds (null: every kind this machine can inject),
/// and where to write the report as JSON.
/// </summary>
internal sealed record SoakOptions(int Seed, TimeSpan FaultPhase, IReadOnlyList<FaultKind>? Kinds = null, string? JsonPath = null)
{
    /// <summary>Shortest pause between two faults.</summary>
    public TimeSpan GapMin { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>Longest pause between two faults.</summary>
    public TimeSpan GapMax { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The longest fault phase <c>make soak</c> accepts, so a soak stays under 30 minutes in all.</summary>
    public static readonly TimeSpan MaxFaultPhase = TimeSpan.FromMinutes(25);
}

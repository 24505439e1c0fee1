namespace Lumen.Soak;

/// <summary>The command-line names of <see cref="FaultKind"/>.</summary>
internal static class FaultKinds
{
    public static readonly IReadOnlyDictionary<string, FaultKind> ByName = new Dictionary<string, FaultKind>(StringComparer.Ordinal)
    {
        ["prometheus-restart"] = FaultKind.PrometheusRestart,
        ["prometheus-stall"] = FaultKind.PrometheusStall,
        ["prometheus-garbage"] = FaultKind.PrometheusGarbage,
        ["target-5xx"] = FaultKind.TargetServerError,
        ["target-stall"] = FaultKind.TargetStall,
        ["kill-9"] = FaultKind.Kill9,
        ["enospc"] = FaultKind.DiskFull,
        ["clock-jump"] = FaultKind.ClockJump,
    };

    public static string Name(FaultKind kind) => ByName.First(p => p.Value == kind).Key;
}

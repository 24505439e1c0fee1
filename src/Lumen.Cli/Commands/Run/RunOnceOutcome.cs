using Lumen.Runtime.Loop;

namespace Lumen.Cli.Commands.Run;

/// <summary>
/// The exit code of <c>lumen run --once</c> for cron and systemd timers (docs/cli.md): 0 when the tick
/// met no failure of a dependency (missing data from a quiet service is not one), 7 when an executor
/// failed (a knob could not be read, applied or restored), else 6 when the SLI backend failed (an SLI
/// read was an error, or the source threw). Classified from the tick's problem lines.
/// </summary>
internal static class RunOnceOutcome
{
    private static readonly string[] ExecutorReads = [": reading ", ": open intent, reading ", ": restoring "];

    public static int ExitCode(TickReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Problems.Any(IsExecutor))
        {
            return ExitCodes.ExecutorFailed;
        }

        return report.Problems.Any(IsSliSource) ? ExitCodes.SliSourceFailed : ExitCodes.Ok;
    }

    public static bool IsSliSource(string problem) =>
        problem.StartsWith("sli source failed:", StringComparison.Ordinal)
        || problem.Contains(" is error (", StringComparison.Ordinal);

    public static bool IsExecutor(string problem) =>
        !IsSliSource(problem)
        && (problem.Contains(" not applied: ", StringComparison.Ordinal)
            || (problem.Contains(" failed", StringComparison.Ordinal) && ExecutorReads.Any(m => problem.Contains(m, StringComparison.Ordinal))));
}

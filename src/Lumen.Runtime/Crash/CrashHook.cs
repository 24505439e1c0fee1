using System.Globalization;

namespace Lumen.Runtime.Crash;

/// <summary>
/// A test hook only: <c>LUMEN_CRASH_AT=POINT[:N]</c> ends the process abruptly the N-th time (default
/// the first) the loop reaches POINT (<c>before_apply</c>, <c>after_apply</c>, <c>before_ledger_outcome</c>,
/// <c>before_rollback</c>, <c>after_rollback</c>), so the crash-safety tests can prove that a restarted
/// loop reconciles. Read once at start. The default action is <c>Environment.Exit(137)</c> (the code
/// of a SIGKILL), which flushes nothing of Lumen's own: the ledger's durable appends are already on
/// disk, everything else is lost as in a real crash.
/// </summary>
public sealed class CrashHook
{
    /// <summary>The environment variable.</summary>
    public const string EnvVar = "LUMEN_CRASH_AT";

    /// <summary>The exit code of a crash through the hook.</summary>
    public const int ExitCode = 137;

    private readonly CrashPoint? _point;
    private readonly int _occurrence;
    private readonly Action<CrashPoint> _crash;
    private int _hits;

    private CrashHook(CrashPoint? point, int occurrence, Action<CrashPoint> crash)
    {
        _point = point;
        _occurrence = occurrence;
        _crash = crash;
    }

    /// <summary>A hook that never fires.</summary>
    public static CrashHook None { get; } = new(null, 0, _ => { });

    /// <summary>
    /// Parses <c>POINT[:N]</c>; null or empty gives <see cref="None"/>. An unknown point throws (a
    /// misspelt test hook must not silently test nothing). <paramref name="crash"/> replaces the exit (tests).
    /// </summary>
    public static CrashHook Parse(string? value, Action<CrashPoint>? crash = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return None;
        }

        var parts = value.Trim().Split(':');
        var point = parts[0] switch
        {
            "before_apply" => CrashPoint.BeforeApply,
            "after_apply" => CrashPoint.AfterApply,
            "before_ledger_outcome" => CrashPoint.BeforeLedgerOutcome,
            "before_rollback" => CrashPoint.BeforeRollback,
            "after_rollback" => CrashPoint.AfterRollback,
            var other => throw new ArgumentException(
                $"{EnvVar}={value}: unknown point '{other}'; known: before_apply, after_apply, before_ledger_outcome, before_rollback, after_rollback"),
        };
        var occurrence = 1;
        if (parts.Length > 1 && (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out occurrence) || occurrence < 1))
        {
            throw new ArgumentException($"{EnvVar}={value}: the occurrence after ':' must be a positive integer");
        }

        return new CrashHook(point, occurrence, crash ?? Exit);
    }

    /// <summary>Called by the loop at each point; ends the process when it is the configured one.</summary>
    public void At(CrashPoint point)
    {
        if (_point == point && Interlocked.Increment(ref _hits) == _occurrence)
        {
            _crash(point);
        }
    }

    private static void Exit(CrashPoint point)
    {
        Console.Error.WriteLine($"{EnvVar}: crashing at {point} (test hook)");
        Environment.Exit(ExitCode);
    }
}

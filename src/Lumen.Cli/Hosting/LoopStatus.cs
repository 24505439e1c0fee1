using System.Collections.Immutable;

namespace Lumen.Cli.Hosting;

/// <summary>
/// What <c>/readyz</c> reports: the config was loaded and the ledger opened (true once this exists),
/// the ledger is not faulted, and the last tick ended recently (within <see cref="ReadyWithin"/>
/// intervals). Written by the tick runner, read by the endpoints; thread-safe.
/// </summary>
internal sealed class LoopStatus(TimeSpan interval, Func<bool> ledgerFaulted)
{
    /// <summary>A tick older than this many intervals makes the process not ready (a stuck loop).</summary>
    public const int ReadyWithin = 3;

    private readonly Lock _lock = new();
    private DateTimeOffset? _lastTickEnd;
    private long _lastTick;
    private ImmutableArray<string> _lastProblems = [];
    private string? _fault;

    public TimeSpan Interval { get; } = interval;

    public void TickEnded(long tick, DateTimeOffset at, ImmutableArray<string> problems)
    {
        lock (_lock)
        {
            _lastTick = tick;
            _lastTickEnd = at;
            _lastProblems = problems;
        }
    }

    public void Faulted(string reason)
    {
        lock (_lock)
        {
            _fault = reason;
        }
    }

    /// <summary>Ready, or the reasons it is not (one per line for the 503 body).</summary>
    public (bool Ready, string Text) Readiness(DateTimeOffset now)
    {
        lock (_lock)
        {
            var reasons = new List<string>();
            if (_fault is not null)
            {
                reasons.Add($"the loop stopped: {_fault}");
            }

            if (ledgerFaulted())
            {
                reasons.Add("the ledger is faulted (a write failed); restart the process");
            }

            if (_lastTickEnd is not { } end)
            {
                reasons.Add("no tick has completed yet");
            }
            else if (now - end > ReadyWithin * Interval)
            {
                reasons.Add(FormattableString.Invariant(
                    $"the last tick (#{_lastTick}) ended {(now - end).TotalSeconds:0} s ago, more than {ReadyWithin} intervals of {Interval.TotalSeconds:0} s"));
            }

            return reasons.Count == 0
                ? (true, FormattableString.Invariant($"ready: tick #{_lastTick} ended at {_lastTickEnd:O} with {_lastProblems.Length} problem(s)\n"))
                : (false, "not ready:\n" + string.Concat(reasons.Select(r => "- " + r + "\n")));
        }
    }
}

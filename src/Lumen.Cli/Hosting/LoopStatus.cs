using System.Collections.Immutable;

namespace Lumen.Cli.Hosting;

/// <summary>
/// What <c>/readyz</c> reports: the config was loaded and the ledger opened (true once this exists),
/// the ledger is not faulted, and the last tick ended recently (within <see cref="ReadyWithin"/>
/// intervals). Written by the tick runner, read by the endpoints; thread-safe. The mappers' warm-up is
/// listed in the body; it makes the process not ready only when asked for (<c>/readyz?require=mappers</c>),
/// because the console and the Slack endpoint must stay reachable while the mappers warm up.
/// </summary>
/// <remarks>Also not ready while the loop reports a safety fault (<paramref name="safety"/>): a restore that keeps failing,
/// a target lease not held, a failed ledger write (docs/reliability.md).</remarks>
internal sealed class LoopStatus(TimeSpan interval, Func<bool> ledgerFaulted, Func<IEnumerable<Runtime.Loop.MapperReadiness>>? mappers = null,
    Func<IEnumerable<string>>? safety = null)
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
    /// <param name="requireMappers">A service whose mapper is still warming up makes the process not ready.</param>
    public (bool Ready, string Text) Readiness(DateTimeOffset now, bool requireMappers = false)
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

            reasons.AddRange(safety?.Invoke() ?? []);
            if (_lastTickEnd is not { } end)
            {
                reasons.Add("no tick has completed yet");
            }
            else if (now - end > ReadyWithin * Interval)
            {
                reasons.Add(FormattableString.Invariant(
                    $"the last tick (#{_lastTick}) ended {(now - end).TotalSeconds:0} s ago, more than {ReadyWithin} intervals of {Interval.TotalSeconds:0} s"));
            }

            var warming = (mappers?.Invoke() ?? []).Where(m => !m.Ready).OrderBy(m => m.Service, StringComparer.Ordinal)
                .Select(m => $"mapper of {m.Service} {m.Describe()}: no decisions for it until then (rollbacks go on)").ToList();
            if (requireMappers)
            {
                reasons.AddRange(warming);
            }

            var notes = requireMappers ? "" : string.Concat(warming.Select(w => "- " + w + "\n"));
            return reasons.Count == 0
                ? (true, FormattableString.Invariant($"ready: tick #{_lastTick} ended at {_lastTickEnd:O} with {_lastProblems.Length} problem(s)\n") + notes)
                : (false, "not ready:\n" + string.Concat(reasons.Select(r => "- " + r + "\n")));
        }
    }
}

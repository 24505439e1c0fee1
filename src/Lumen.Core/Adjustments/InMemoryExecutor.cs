using System.Collections.Immutable;

namespace Lumen.Core.Adjustments;

/// <summary>
/// An executor whose knobs live in a dictionary, kind <c>memory</c>: the tests' target, and the
/// <c>ExecutorFactory</c>'s <c>memory</c> builder for code that embeds the loop. It is not a config
/// kind: the config's <c>sim</c> is the embedded simulator's executor (<c>Lumen.Simulator.Loop.SimExecutor</c>,
/// <c>lumen demo</c> only). It lives in the core (it does no I/O) so that every project, including
/// the runtime's tests, can reach it.
/// Faults are queued with <see cref="Inject"/> and consumed by the first matching call.
/// Thread-safe.
/// </summary>
public sealed class InMemoryExecutor : IExecutor
{
    public const string KindName = "memory";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _values;
    private readonly List<InMemoryFault> _faults = [];
    private readonly List<ExecutorCall> _calls = [];
    private string? _writtenBy;

    public InMemoryExecutor(IEnumerable<KeyValuePair<string, double>>? initialValues = null)
    {
        _values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (knob, value) in initialValues ?? [])
        {
            _values[knob] = value;
        }
    }

    public string Kind => KindName;

    /// <summary>Every call so far, oldest first.</summary>
    public ImmutableArray<ExecutorCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>The current values, as the target holds them (ignores faults).</summary>
    public ImmutableDictionary<string, double> Values
    {
        get
        {
            lock (_gate)
            {
                return _values.ToImmutableDictionary(StringComparer.Ordinal);
            }
        }
    }

    /// <summary>Queues a fault for the next matching call.</summary>
    public void Inject(InMemoryFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        lock (_gate)
        {
            _faults.Add(fault);
        }
    }

    public Task<ExecutorResult> SetAsync(string knob, double value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(knob);
        cancellationToken.ThrowIfCancellationRequested();
        if (!double.IsFinite(value))
        {
            return Task.FromResult(ExecutorResult.Failed($"refusing non-finite value for {knob}", transient: false));
        }

        lock (_gate)
        {
            var fault = TakeFault(ExecutorOperation.Set, knob);
            if (fault?.Mode == InMemoryFaultMode.RacingWrite)
            {
                Race(knob, fault);
                fault = null;
            }

            if (fault?.Mode != InMemoryFaultMode.FailBeforeWrite)
            {
                _values[knob] = value;
                _writtenBy = null;
            }

            var result = fault is null
                ? ExecutorResult.Ok(value)
                : ExecutorResult.Failed(fault.Reason, fault.Transient);
            _calls.Add(new ExecutorCall(ExecutorOperation.Set, knob, value, result));
            return Task.FromResult(result);
        }
    }

    /// <summary>A true compare-and-set: under the executor's lock, the knob must hold <paramref name="expected"/>; otherwise a conflict naming the last writer.</summary>
    public Task<ExecutorResult> SetIfAsync(string knob, double expected, double value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(knob);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var index = _faults.FindIndex(f => f.Mode == InMemoryFaultMode.RacingWrite && f.Matches(ExecutorOperation.Set, knob));
            if (index >= 0)
            {
                var racing = _faults[index];
                _faults.RemoveAt(index);
                Race(knob, racing);
            }

            if (_values.TryGetValue(knob, out var current) && current != expected)
            {
                var refused = ExecutorResult.Conflicted($"{knob} holds {current}, not {expected}", current, _writtenBy);
                _calls.Add(new ExecutorCall(ExecutorOperation.Set, knob, value, refused));
                return Task.FromResult(refused);
            }

            return SetAsync(knob, value, cancellationToken);
        }
    }

    private void Race(string knob, InMemoryFault racing)
    {
        if (double.IsFinite(racing.RacingValue))
        {
            _values[knob] = racing.RacingValue;
            _writtenBy = racing.Writer;
        }
    }

    public Task<ExecutorResult> GetAsync(string knob, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(knob);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var fault = TakeFault(ExecutorOperation.Get, knob);
            ExecutorResult result;
            if (fault is not null)
            {
                result = ExecutorResult.Failed(fault.Reason, fault.Transient);
            }
            else if (_values.TryGetValue(knob, out var value))
            {
                result = ExecutorResult.Ok(value) with { WrittenBy = _writtenBy };
            }
            else
            {
                result = ExecutorResult.Failed($"unknown knob {knob}", transient: false);
            }

            _calls.Add(new ExecutorCall(ExecutorOperation.Get, knob, null, result));
            return Task.FromResult(result);
        }
    }

    private InMemoryFault? TakeFault(ExecutorOperation operation, string knob)
    {
        var index = _faults.FindIndex(f => f.Matches(operation, knob));
        if (index < 0)
        {
            return null;
        }

        var fault = _faults[index];
        _faults.RemoveAt(index);
        return fault;
    }
}

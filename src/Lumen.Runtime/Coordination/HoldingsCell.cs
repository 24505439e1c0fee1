using Lumen.Core.Coordination;

namespace Lumen.Runtime.Coordination;

/// <summary>The holdings of the latest refresh, shared between the loop (which refreshes) and the fenced executors (which check before a write).</summary>
internal sealed class HoldingsCell(Holdings initial)
{
    private Holdings _current = initial;

    public Holdings Current
    {
        get => Volatile.Read(ref _current);
        set => Volatile.Write(ref _current, value);
    }

    /// <summary>Called before every write to a service's target: publishes its hand-over; false refuses the write.</summary>
    public Func<string, CancellationToken, Task<bool>>? BeforeWrite { get; set; }
}

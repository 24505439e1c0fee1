using System.Diagnostics.Tracing;

namespace Lumen.Cli.Bench.Loop;

/// <summary>
/// What the measured ticks allocated, by type and heap, from the runtime's own sampling: the
/// <c>GCAllocationTick</c> event, raised about every 100 KB allocated and carrying the type that
/// crossed the mark, so the bytes per type are an estimate, good for the large shares
/// (docs/benchmarks.md, "Loop tick"). A type allocated in the large object heap is counted apart
/// (<c>LOH </c> before its name). Only where the runtime raises these events: a JIT build, not the
/// Native AOT one (which reports none).
/// </summary>
internal sealed class AllocationsByType : EventListener
{
    private const string RuntimeSource = "Microsoft-Windows-DotNETRuntime";
    private const EventKeywords GcKeyword = (EventKeywords)0x1;

    private readonly Dictionary<string, long> _bytes = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly ManualResetEventSlim _markerSeen = new();
    private volatile bool _counting;
    private volatile bool _runtimeEvents; // the runtime's event source exists here (not in a Native AOT build)

    /// <summary>Starts counting (events before this are ignored).</summary>
    public void Start() => _counting = true;

    /// <summary>
    /// Stops counting; returns the <paramref name="top"/> types by bytes, largest first. The runtime
    /// delivers its events a little late, so this first allocates a marker and waits (at most 10 s)
    /// for the event that names it: everything allocated before it has then been counted.
    /// </summary>
    public IReadOnlyList<(string Type, long Bytes)> Stop(int top)
    {
        if (_runtimeEvents)
        {
            GC.KeepAlive(new LumenAllocationMarker[16_384]); // 128 KiB at once: past the ~100 KB sampling mark by itself
            _markerSeen.Wait(TimeSpan.FromSeconds(10));
        }

        _counting = false;
        lock (_gate)
        {
            return [.. _bytes.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).Take(top).Select(kv => (kv.Key, kv.Value))];
        }
    }

    public override void Dispose()
    {
        base.Dispose();
        _markerSeen.Dispose();
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        if (eventSource.Name == RuntimeSource)
        {
            _runtimeEvents = true;
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (!_counting || eventData.EventName?.StartsWith("GCAllocationTick", StringComparison.Ordinal) != true
            || eventData.Payload is not { } payload || eventData.PayloadNames is not { } names)
        {
            return;
        }

        var type = names.IndexOf("TypeName") is var t and >= 0 ? payload[t] as string ?? "?" : "?";
        var kind = names.IndexOf("AllocationKind") is var k and >= 0 ? Convert.ToInt32(payload[k], System.Globalization.CultureInfo.InvariantCulture) : 0;
        var amount = names.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(payload[a], System.Globalization.CultureInfo.InvariantCulture) : 0;
        // The event names a nested type without its namespace or outer type.
        if (type.EndsWith(nameof(LumenAllocationMarker) + "[]", StringComparison.Ordinal))
        {
            _markerSeen.Set();
            return;
        }

        var key = kind == 0 ? type : "LOH " + type;
        lock (_gate)
        {
            _bytes[key] = _bytes.GetValueOrDefault(key) + amount;
        }
    }

    private readonly record struct LumenAllocationMarker(long A);
}

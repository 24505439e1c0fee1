using System.Collections.Immutable;
using Lumen.Core.Guard;
using Lumen.Core.Ledger;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>The working state of one tick, passed from step to step.</summary>
internal sealed class TickContext(long tick, DateTimeOffset now, long startTimestamp, IReadOnlyList<ServiceTick> services)
{
    public long Tick { get; } = tick;

    public DateTimeOffset Now { get; } = now;

    public long StartTimestamp { get; } = startTimestamp;

    public IReadOnlyList<ServiceTick> Services { get; } = services;

    public SliSnapshot? Snapshot { get; set; }

    public GuardResult? Guard { get; set; }

    public List<string> Problems { get; } = [];

    public List<string> Kinds { get; } = [];

    public int Actions { get; set; }

    /// <summary>Services whose adjustment was restored at the start of this tick: not decided on again until the next tick.</summary>
    public HashSet<string> RestoredEarly { get; } = new(StringComparer.Ordinal);

    private Dictionary<string, ServiceTick>? _byName;

    /// <summary>The service's state this tick, by name (keyed on first use: proposals look services up one by one).</summary>
    public ServiceTick? Find(string service)
    {
        _byName ??= Services.GroupBy(s => s.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        return _byName.GetValueOrDefault(service);
    }

    public void Wrote(LedgerEntry entry) => Kinds.Add(entry.Kind);

    public TickReport Report() => new(Tick, Now, Actions, [.. Problems], [.. Kinds]);
}

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

    public ServiceTick? Find(string service) => Services.FirstOrDefault(s => s.Name == service);

    public void Wrote(LedgerEntry entry) => Kinds.Add(entry.Kind);

    public TickReport Report() => new(Tick, Now, Actions, [.. Problems], [.. Kinds]);
}

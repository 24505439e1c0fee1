using System.Collections.Immutable;

namespace Lumen.Runtime.Loop;

/// <summary>What one tick did: its number and time, the changes it made, and the problems it met.</summary>
/// <param name="Actions">Executor-side actions: applies, restores, reconciliations written (shadow entries included).</param>
public sealed record TickReport(
    long Tick,
    DateTimeOffset Now,
    int Actions,
    ImmutableArray<string> Problems,
    ImmutableArray<string> LedgerKinds)
{
    public bool Ok => Problems.IsEmpty;
}

using System.Collections.Immutable;
using Lumen.Core.Adjustments;
using Lumen.Core.Approvals;
using Lumen.Core.Coordination;
using Lumen.Core.Ledger;

namespace Lumen.Web.Console;

/// <summary>Everything one console page shows, gathered before rendering.</summary>
internal sealed record ConsoleView(
    string Approver,
    string Csrf,
    string? Stage,
    DateTimeOffset Now,
    ApprovalBook Approvals,
    AdjustmentBook Adjustments,
    ImmutableArray<string> Services,
    ConsoleReport? Report,
    IReadOnlyList<LedgerEntry> Tail,
    string? Message)
{
    /// <summary>Per service, the mapper's warm-up in words; empty when the console runs without a loop.</summary>
    public IReadOnlyDictionary<string, string> Mappers { get; init; } = new Dictionary<string, string>();

    /// <summary>The loop's latest holdings (which replica holds which service); null when the console runs without a loop.</summary>
    public Holdings? Fleet { get; init; }
}

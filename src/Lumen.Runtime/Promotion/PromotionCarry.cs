using System.Collections.Immutable;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;

namespace Lumen.Runtime.Promotion;

/// <summary>
/// What a promotion carries to the baseline: the kept trials of the service since its last
/// promotion or canary rollback (folded from the ledger). After <c>promotion.applied</c>, each is
/// marked with <c>adjustment.promoted</c> (docs/ledger-entries.md), so the ledger says which learnt
/// values reached the baseline.
/// </summary>
public static class PromotionCarry
{
    /// <summary>The kept adjustments of <paramref name="service"/>: knob, adjustment id and value.</summary>
    public static async Task<ImmutableArray<(string Knob, KeptValue Kept)>> KeptAsync(ILedgerStore ledger, string service,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        var book = AdjustmentBook.Empty;
        await foreach (var entry in ledger.ReadAsync(1, cancellationToken).ConfigureAwait(false))
        {
            book = book.Apply(entry);
        }

        return [.. book.KeptOf(service)];
    }

    /// <summary>Writes <c>adjustment.promoted</c> for every kept adjustment whose value the baseline now holds.</summary>
    public static async Task MarkAsync(ILedgerStore ledger, string stage, string service, string actor,
        IEnumerable<(string Knob, KeptValue Kept)> kept, IReadOnlyDictionary<string, double> baseline, string? promotionReport,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(baseline);
        foreach (var (knob, value) in kept)
        {
            if (!baseline.TryGetValue(knob, out var now) || now != value.Value)
            {
                continue;
            }

            await ledger.AppendAsync(new LedgerDraft(LedgerKinds.AdjustmentPromoted, stage, service, actor, LedgerData.From(new Dictionary<string, object?>
            {
                ["id"] = value.Id,
                ["knob"] = knob,
                ["value"] = value.Value,
                ["kept_at"] = LedgerTime.ToText(value.At),
                ["report_sha256"] = promotionReport,
            })), cancellationToken).ConfigureAwait(false);
        }
    }
}

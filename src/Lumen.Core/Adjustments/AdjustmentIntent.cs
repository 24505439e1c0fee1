using System.Collections.Immutable;
using System.Text.Json;
using Lumen.Core.Ledger;

namespace Lumen.Core.Adjustments;

/// <summary>
/// The <c>data</c> of <c>adjustment.intent</c> and <c>shadow</c> (docs/ledger-entries.md): everything
/// needed to apply, restore and judge the change, so state can be rebuilt from the ledger alone.
/// <see cref="X"/>, <see cref="HealthBefore"/> and <see cref="CoherenceBefore"/> are the decision-time
/// context the reward and the brake need later (null when unknown). <see cref="Trial"/> names the
/// value-level tuner's trial the adjustment belongs to (null for LinUCB steps and rules).
/// </summary>
public sealed record AdjustmentIntent(
    string Id,
    string Service,
    string Knob,
    string Track,
    double From,
    double To,
    string Source,
    string Arm,
    string Reason,
    DateTimeOffset ExpiresAt,
    DateTimeOffset SettleUntil,
    ImmutableArray<double>? X,
    double? HealthBefore,
    double? CoherenceBefore,
    string? Trial = null)
{
    /// <summary>The ledger data object (times in the ledger's RFC 3339 form).</summary>
    public JsonElement ToData() => LedgerData.From(new Dictionary<string, object?>
    {
        ["id"] = Id,
        ["knob"] = Knob,
        ["track"] = Track,
        ["from"] = From,
        ["to"] = To,
        ["source"] = Source,
        ["arm"] = Arm,
        ["reason"] = Reason,
        ["expires_at"] = LedgerTime.ToText(ExpiresAt),
        ["settle_until"] = LedgerTime.ToText(SettleUntil),
        ["x"] = X is { } x ? x.ToArray() : null,
        ["health_before"] = HealthBefore,
        ["coherence_before"] = CoherenceBefore,
        ["trial"] = Trial,
    });

    /// <summary>Reads an intent back from a ledger entry; null when a required field is missing.</summary>
    public static AdjustmentIntent? TryRead(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var d = entry.Data;
        if (d.String("id") is not { } id || d.String("knob") is not { } knob
            || d.Number("from") is not { } from || d.Number("to") is not { } to
            || d.Time("expires_at") is not { } expires)
        {
            return null;
        }

        return new AdjustmentIntent(
            id, entry.Service ?? string.Empty, knob, d.String("track") ?? "canary", from, to,
            d.String("source") ?? string.Empty, d.String("arm") ?? string.Empty, d.String("reason") ?? string.Empty,
            expires, d.Time("settle_until") ?? expires, d.Numbers("x"), d.Number("health_before"), d.Number("coherence_before"),
            d.String("trial"));
    }
}

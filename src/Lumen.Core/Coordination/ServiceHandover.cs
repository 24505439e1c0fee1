using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;
using Lumen.Core.Json;

namespace Lumen.Core.Coordination;

/// <summary>One open adjustment as the replica that made it hands it over: enough to restore it.</summary>
public sealed record HandedAdjustment(string Id, string Knob, string Track, double From, double To, DateTimeOffset ExpiresAt);

/// <summary>
/// What the next holder of a service must know (docs/scale-out.md, "Hand-over"): the open
/// adjustments (it restores them) and the kept values (they stay the canary's incumbents). The
/// holder publishes it before every write to the service's target, under its claim, so it is never
/// older than the last change made.
/// </summary>
public sealed record ServiceHandover(string Service, string Replica, long Token, ImmutableArray<HandedAdjustment> Open, ImmutableSortedDictionary<string, double> Kept)
{
    /// <summary>The service's state in <paramref name="book"/>.</summary>
    public static ServiceHandover From(AdjustmentBook book, string service, string replica, long token)
    {
        ArgumentNullException.ThrowIfNull(book);
        var open = book.Open.Values.Where(a => a.Service == service)
            .Select(a => new HandedAdjustment(a.Id, a.Knob, a.Intent.Track, a.Intent.From, a.Intent.To, a.Intent.ExpiresAt))
            .ToImmutableArray();
        var kept = book.KeptOf(service).ToImmutableSortedDictionary(k => k.Knob, k => k.Value.Value, StringComparer.Ordinal);
        return new ServiceHandover(service, replica, token, open, kept);
    }

    /// <summary>True when there is nothing to hand over.</summary>
    public bool IsEmpty => Open.IsEmpty && Kept.IsEmpty;

    public string ToJson() => ObjectJson.Serialize(new Dictionary<string, object?>
    {
        ["service"] = Service,
        ["replica"] = Replica,
        ["token"] = Token,
        ["open"] = Open.Select(a => new Dictionary<string, object?>
        {
            ["id"] = a.Id, ["knob"] = a.Knob, ["track"] = a.Track, ["from"] = a.From, ["to"] = a.To,
            ["expires_at"] = LedgerTime.ToText(a.ExpiresAt),
        }).ToArray(),
        ["kept"] = Kept,
    });

    /// <summary>Reads a published hand-over; null when it is not one (never a partial answer).</summary>
    public static ServiceHandover? Parse(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            var open = ImmutableArray.CreateBuilder<HandedAdjustment>();
            foreach (var a in root.GetProperty("open").EnumerateArray())
            {
                if (!LedgerTime.TryParse(a.GetProperty("expires_at").GetString() ?? "", out var expires))
                {
                    return null;
                }

                open.Add(new HandedAdjustment(a.GetProperty("id").GetString()!, a.GetProperty("knob").GetString()!,
                    a.GetProperty("track").GetString()!, a.GetProperty("from").GetDouble(), a.GetProperty("to").GetDouble(), expires));
            }

            var kept = root.GetProperty("kept").EnumerateObject()
                .ToImmutableSortedDictionary(p => p.Name, p => p.Value.GetDouble(), StringComparer.Ordinal);
            return new ServiceHandover(root.GetProperty("service").GetString()!, root.GetProperty("replica").GetString()!,
                root.GetProperty("token").GetInt64(), open.ToImmutable(), kept);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NullReferenceException)
        {
            return null;
        }
    }

    /// <summary>The id an adopted adjustment gets in the adopting replica's ledger (never a number it could assign itself).</summary>
    public static string AdoptedId(string replica, string id) => string.Create(CultureInfo.InvariantCulture, $"{replica}~{id}");
}

using System.Collections.Immutable;
using System.Text.Json;
using Lumen.Core.Ledger;

namespace Lumen.Core.Adjustments;

/// <summary>Tolerant readers for ledger <c>data</c> fields: a missing or mistyped field reads as null.</summary>
public static class LedgerDataReader
{
    public static string? String(this JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    public static double? Number(this JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetDouble(out var d) ? d : null;

    public static long? Integer(this JsonElement data, string name) =>
        data.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number && v.TryGetInt64(out var l) ? l : null;

    public static DateTimeOffset? Time(this JsonElement data, string name) =>
        data.String(name) is { } text && LedgerTime.TryParse(text, out var t) ? t : null;

    public static ImmutableArray<double>? Numbers(this JsonElement data, string name)
    {
        if (!data.TryGetProperty(name, out var v) || v.ValueKind != JsonValueKind.Array)
        {
            return null;
        }

        var builder = ImmutableArray.CreateBuilder<double>(v.GetArrayLength());
        foreach (var item in v.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Number || !item.TryGetDouble(out var d))
            {
                return null;
            }

            builder.Add(d);
        }

        return builder.MoveToImmutable();
    }
}

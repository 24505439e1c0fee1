using System.Text.Json;

namespace Lumen.Core.Ledger;

/// <summary>
/// Reads one ledger line into a <see cref="LedgerEntry"/>: a JSON object with exactly the nine
/// fields in the canonical order and the right types. It does not check hashes or canonical form
/// (that is <see cref="LedgerChainVerifier"/>'s job).
/// </summary>
public static class LedgerEntryParser
{
    private static readonly string[] FieldOrder = ["seq", "ts", "kind", "stage", "service", "actor", "data", "prev", "hash"];

    /// <summary>Parses a line (without its newline); on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> line, out LedgerEntry? entry, out string? error)
    {
        entry = null;
        try
        {
            using var document = JsonDocument.Parse(line, new JsonDocumentOptions { MaxDepth = 64 });
            error = Read(document.RootElement, out entry);
            return error is null;
        }
        catch (JsonException e)
        {
            error = $"not valid JSON ({e.Message})";
            return false;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            // Invalid UTF-8 or escapes can surface as these from some parser paths.
            error = $"not valid JSON ({e.Message})";
            return false;
        }
    }

    private static string? Read(JsonElement root, out LedgerEntry? entry)
    {
        entry = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return $"expected a JSON object, found {root.ValueKind}";
        }

        var values = new JsonElement[FieldOrder.Length];
        var index = 0;
        foreach (var property in root.EnumerateObject())
        {
            if (index >= FieldOrder.Length)
            {
                return $"unexpected field \"{property.Name}\" after \"hash\"";
            }

            if (!property.NameEquals(FieldOrder[index]))
            {
                return $"field {index + 1} is \"{property.Name}\", expected \"{FieldOrder[index]}\"";
            }

            values[index++] = property.Value;
        }

        if (index < FieldOrder.Length)
        {
            return $"missing field \"{FieldOrder[index]}\"";
        }

        if (values[0].ValueKind != JsonValueKind.Number || !values[0].TryGetInt64(out var seq) || seq < 1)
        {
            return "seq is not a positive integer";
        }

        if (!TryText(values[1], allowNull: false, out var tsText) || !LedgerTime.TryParse(tsText!, out var ts))
        {
            return $"ts is not a timestamp in the form {LedgerTime.Format}";
        }

        if (!TryText(values[2], allowNull: false, out var kind) || !TryText(values[5], allowNull: false, out var actor))
        {
            return "kind and actor must be non-empty strings";
        }

        if (!TryText(values[3], allowNull: true, out var stage) || !TryText(values[4], allowNull: true, out var service))
        {
            return "stage and service must be strings or null";
        }

        if (values[6].ValueKind != JsonValueKind.Object)
        {
            return "data is not a JSON object";
        }

        if (!TryText(values[7], allowNull: false, out var prev) || !LedgerHash.IsWellFormed(prev!))
        {
            return "prev is not 64 lowercase hex digits";
        }

        if (!TryText(values[8], allowNull: false, out var hash) || !LedgerHash.IsWellFormed(hash!))
        {
            return "hash is not 64 lowercase hex digits";
        }

        entry = new LedgerEntry(seq, ts, kind!, stage, service, actor!, values[6].Clone(), prev!, hash!);
        return null;
    }

    private static bool TryText(JsonElement value, bool allowNull, out string? text)
    {
        text = null;
        if (value.ValueKind == JsonValueKind.Null)
        {
            return allowNull;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            return false;
        }

        try
        {
            text = value.GetString();
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        return !string.IsNullOrEmpty(text);
    }
}

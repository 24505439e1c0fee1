using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lumen.Core.Json;

namespace Lumen.Core.Adjustments;

/// <summary>
/// A saved <see cref="AdjustmentBook"/> and the ledger position it covers (<c>state/adjustments.snapshot.json</c>),
/// so a long ledger starts fast: load it, check that the ledger's entry at <see cref="Seq"/> has
/// <see cref="Hash"/>, and fold only the entries after it. A snapshot that does not match the chain
/// is ignored (fold from the start); it is a cache, never a source of truth.
/// </summary>
public sealed record AdjustmentSnapshot(
    string Format,
    int Version,
    long Seq,
    string Hash,
    long LastTick,
    long LastNumber,
    ImmutableArray<Adjustment> Open,
    ImmutableDictionary<string, DateTimeOffset> LastChanges,
    ImmutableDictionary<string, long> OutcomeCounts,
    ImmutableDictionary<string, KeptValue>? Kept = null)
{
    public const string FormatName = "lumen.adjustments.snapshot";

    /// <summary>Version 2 adds the kept values (incumbents); a version-1 snapshot is ignored and the ledger folded.</summary>
    public const int CurrentVersion = 2;

    /// <summary>The file name in the state directory.</summary>
    public const string FileName = "adjustments.snapshot.json";

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        Converters = { new JsonStringEnumConverter<AdjustmentState>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false) },
        TypeInfoResolver = CoreJsonContext.Default,
    };

    public static AdjustmentSnapshot Of(AdjustmentBook book)
    {
        ArgumentNullException.ThrowIfNull(book);
        return new AdjustmentSnapshot(FormatName, CurrentVersion, book.Seq, book.Hash, book.LastTick, book.LastNumber,
            [.. book.Open.Values], book.LastChanges.ToImmutableDictionary(StringComparer.Ordinal),
            book.OutcomeCounts.ToImmutableDictionary(StringComparer.Ordinal), book.Kept.ToImmutableDictionary(StringComparer.Ordinal));
    }

    public AdjustmentBook ToBook() => new(
        Seq, Hash, LastTick, LastNumber,
        Open.ToImmutableSortedDictionary(a => a.Id, a => a, StringComparer.Ordinal),
        LastChanges.ToImmutableSortedDictionary(StringComparer.Ordinal),
        OutcomeCounts.ToImmutableSortedDictionary(StringComparer.Ordinal))
    {
        Kept = (Kept ?? ImmutableDictionary<string, KeptValue>.Empty).ToImmutableSortedDictionary(StringComparer.Ordinal),
    };

    public string ToJson() => JsonSerializer.Serialize(this, Options.TypeInfo<AdjustmentSnapshot>());

    /// <summary>Parses a snapshot; null (with the reason) when it is not one this build reads.</summary>
    public static AdjustmentSnapshot? FromJson(string json, out string? error)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            var snapshot = JsonSerializer.Deserialize(json, Options.TypeInfo<AdjustmentSnapshot>());
            error = snapshot is null ? "empty document"
                : snapshot.Format != FormatName ? $"format is '{snapshot.Format}', expected '{FormatName}'"
                : snapshot.Version != CurrentVersion ? $"version {snapshot.Version} is not supported"
                : snapshot.Open.IsDefault || snapshot.LastChanges is null || snapshot.OutcomeCounts is null ? "fields are missing"
                : null;
            return error is null ? snapshot : null;
        }
        catch (JsonException e)
        {
            error = e.Message;
            return null;
        }
    }
}

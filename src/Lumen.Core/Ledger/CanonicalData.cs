using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Lumen.Core.Ledger;

/// <summary>
/// A <c>data</c> object already in the ledger's canonical form (docs/ledger.md, "Canonical form"),
/// made by <see cref="CanonicalDataWriter"/>: the store writes these bytes as they are, and the
/// <see cref="JsonElement"/> that <see cref="LedgerDraft.Data"/> and <see cref="LedgerEntry.Data"/>
/// return is parsed from them only when something reads it. One observation entry per service per
/// tick is written this way (docs/benchmarks.md, "The tick at 10,000 services"): it is never read back
/// in the loop, and writing then parsing it was a third of a tick.
/// </summary>
public sealed class CanonicalData
{
    private readonly byte[] _utf8;
    private StrongBox<JsonElement>? _element;

    internal CanonicalData(byte[] utf8) => _utf8 = utf8;

    /// <summary>The canonical UTF-8 text of the object.</summary>
    public ReadOnlySpan<byte> Utf8 => _utf8;

    /// <summary>The same bytes as <see cref="Utf8"/>, for callers that keep them.</summary>
    public ReadOnlyMemory<byte> Memory => _utf8;

    /// <summary>The object, parsed on first use (a detached element; later calls return the same).</summary>
    public JsonElement Element
    {
        get
        {
            if (Volatile.Read(ref _element) is { } parsed)
            {
                return parsed.Value;
            }

            // Two threads may both parse; either result is the same object.
            var reader = new Utf8JsonReader(_utf8);
            var element = JsonElement.ParseValue(ref reader);
            Volatile.Write(ref _element, new StrongBox<JsonElement>(element));
            return element;
        }
    }

    /// <inheritdoc />
    public override string ToString() => System.Text.Encoding.UTF8.GetString(_utf8);
}

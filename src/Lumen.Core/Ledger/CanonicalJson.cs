using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Lumen.Core.Ledger;

/// <summary>
/// Writes JSON in the ledger's canonical form: no whitespace; object keys sorted by ordinal
/// (UTF-16 code unit) order, recursively; duplicate keys rejected; strings escaped as in
/// RFC 8785 (JCS) §3.2.2.2 (only <c>"</c>, <c>\</c> and U+0000..U+001F, short forms where JSON
/// has them, otherwise <c>\u00xx</c> in lowercase hex; everything else literal UTF-8);
/// integers that fit in 64 bits as plain decimals; every other number as the shortest
/// round-trip form of the IEEE double (<c>double.ToString("R")</c>, invariant culture).
/// The form is idempotent: writing a parsed canonical text gives the same bytes back.
/// </summary>
internal static class CanonicalJson
{
    /// <summary>The characters a canonical string escapes: <c>"</c>, <c>\</c> and U+0000..U+001F.</summary>
    private static readonly SearchValues<char> MustEscape = SearchValues.Create(
        "\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000B\f\r\u000E\u000F" +
        "\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001A\u001B\u001C\u001D\u001E\u001F\"\\");

    /// <summary>Writes a JSON value; throws <see cref="FormatException"/> on what has no canonical form.</summary>
    public static void WriteValue(IBufferWriter<byte> output, JsonElement value) => WriteValue(output, value, reference: false);

    /// <summary>
    /// Writes a JSON value. With <paramref name="reference"/> every key and string is decoded and every number
    /// parsed and formatted (the definition of the form); without, raw text that is provably canonical is
    /// copied as it is. Both write the same bytes (property-tested).
    /// </summary>
    internal static void WriteValue(IBufferWriter<byte> output, JsonElement value, bool reference)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                if (reference)
                {
                    WriteObjectDecoded(output, value, reference);
                }
                else
                {
                    WriteObject(output, value);
                }

                break;
            case JsonValueKind.Array:
                Raw(output, "["u8);
                var first = true;
                foreach (var item in value.EnumerateArray())
                {
                    if (!first)
                    {
                        Raw(output, ","u8);
                    }

                    first = false;
                    WriteValue(output, item, reference);
                }

                Raw(output, "]"u8);
                break;
            case JsonValueKind.String:
                if (reference)
                {
                    WriteString(output, ReadString(value));
                }
                else
                {
                    WriteStringElement(output, value);
                }

                break;
            case JsonValueKind.Number:
                WriteNumber(output, value, reference);
                break;
            case JsonValueKind.True:
                Raw(output, "true"u8);
                break;
            case JsonValueKind.False:
                Raw(output, "false"u8);
                break;
            case JsonValueKind.Null:
                Raw(output, "null"u8);
                break;
            default:
                throw new FormatException($"no canonical form for a JSON {value.ValueKind}");
        }
    }

    /// <summary>Writes a string with the canonical escaping.</summary>
    public static void WriteString(IBufferWriter<byte> output, string value)
    {
        var first = value.AsSpan().IndexOfAny(MustEscape);
        if (first < 0)
        {
            // Nothing to escape (the common case): the quotes and the UTF-8 text in one span.
            var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(value.Length) + 2);
            span[0] = (byte)'"';
            var status = Utf8.FromUtf16(value, span[1..], out _, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                throw new FormatException("a string contains an unpaired surrogate");
            }

            span[written + 1] = (byte)'"';
            output.Advance(written + 2);
            return;
        }

        Raw(output, "\""u8);
        var start = 0;
        for (var i = first; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= 0x20 && c != '"' && c != '\\')
            {
                continue;
            }

            WriteUtf8(output, value.AsSpan(start, i - start));
            start = i + 1;
            switch (c)
            {
                case '"': Raw(output, "\\\""u8); break;
                case '\\': Raw(output, "\\\\"u8); break;
                case '\b': Raw(output, "\\b"u8); break;
                case '\f': Raw(output, "\\f"u8); break;
                case '\n': Raw(output, "\\n"u8); break;
                case '\r': Raw(output, "\\r"u8); break;
                case '\t': Raw(output, "\\t"u8); break;
                default:
                    Raw(output, "\\u00"u8);
                    Raw(output, [HexDigit(c >> 4), HexDigit(c & 0xF)]);
                    break;
            }
        }

        WriteUtf8(output, value.AsSpan(start));
        Raw(output, "\""u8);
    }

    /// <summary>Writes a 64-bit integer as a plain decimal.</summary>
    public static void WriteInteger(IBufferWriter<byte> output, long value)
    {
        var span = output.GetSpan(20);
        value.TryFormat(span, out var written, default, CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    /// <summary>Writes pre-encoded ASCII/UTF-8 bytes as they are.</summary>
    public static void Raw(IBufferWriter<byte> output, ReadOnlySpan<byte> bytes) => output.Write(bytes);

    /// <summary>
    /// Writes an object with its keys sorted. When every key is plain ASCII as parsed (no escape), its raw
    /// bytes are already its canonical text and their byte order is the ordinal order of the decoded keys,
    /// so the keys are sorted and written as bytes, with no string made; otherwise
    /// <see cref="WriteObjectDecoded"/> decodes them.
    /// </summary>
    private static void WriteObject(IBufferWriter<byte> output, JsonElement value)
    {
        var count = value.GetPropertyCount();
        if (count == 0)
        {
            Raw(output, "{}"u8);
            return;
        }

        var properties = ArrayPool<JsonProperty>.Shared.Rent(count);
        try
        {
            var n = 0;
            foreach (var property in value.EnumerateObject())
            {
                var name = JsonMarshal.GetRawUtf8PropertyName(property);
                if (name.Contains((byte)'\\') || !Ascii.IsValid(name))
                {
                    WriteObjectDecoded(output, value, reference: false);
                    return;
                }

                properties[n++] = property;
            }

            SortByRawName(properties.AsSpan(0, n));
            var span = output.GetSpan(1);
            span[0] = (byte)'{';
            output.Advance(1);
            for (var i = 0; i < n; i++)
            {
                var name = JsonMarshal.GetRawUtf8PropertyName(properties[i]);
                if (i > 0)
                {
                    if (name.SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(properties[i - 1])))
                    {
                        throw new FormatException($"duplicate key \"{Encoding.ASCII.GetString(name)}\"");
                    }

                    Raw(output, ","u8);
                }

                span = output.GetSpan(name.Length + 3);
                span[0] = (byte)'"';
                name.CopyTo(span[1..]);
                span[name.Length + 1] = (byte)'"';
                span[name.Length + 2] = (byte)':';
                output.Advance(name.Length + 3);
                WriteValue(output, properties[i].Value, reference: false);
            }

            Raw(output, "}"u8);
        }
        finally
        {
            // Cleared: a pooled JsonProperty would keep its document alive.
            ArrayPool<JsonProperty>.Shared.Return(properties, clearArray: true);
        }
    }

    /// <summary>Writes an object whose keys need decoding (escapes, non-ASCII): sorted by ordinal UTF-16 order.</summary>
    private static void WriteObjectDecoded(IBufferWriter<byte> output, JsonElement value, bool reference)
    {
        var properties = new List<KeyValuePair<string, JsonElement>>();
        foreach (var property in value.EnumerateObject())
        {
            properties.Add(new(ReadName(property), property.Value));
        }

        properties.Sort(static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        Raw(output, "{"u8);
        for (var i = 0; i < properties.Count; i++)
        {
            if (i > 0)
            {
                if (string.Equals(properties[i - 1].Key, properties[i].Key, StringComparison.Ordinal))
                {
                    throw new FormatException($"duplicate key \"{properties[i].Key}\"");
                }

                Raw(output, ","u8);
            }

            WriteString(output, properties[i].Key);
            Raw(output, ":"u8);
            WriteValue(output, properties[i].Value, reference);
        }

        Raw(output, "}"u8);
    }

    private static void WriteNumber(IBufferWriter<byte> output, JsonElement value, bool reference)
    {
        // A number whose text is provably what the lines below would write (docs/ledger.md, "Verification
        // speed"; the same proofs the verifier uses) is copied as it is, without parsing and formatting.
        var raw = JsonMarshal.GetRawUtf8Value(value);
        if (!reference && (LedgerLineValidator.IsCanonicalByText(raw)
            || (raw.Contains((byte)'.') && !raw.ContainsAny((byte)'e', (byte)'E') && LedgerNumberProof.IsShortestRoundTrip(raw))))
        {
            Raw(output, raw);
            return;
        }

        if (IsPlainInteger(value) && value.TryGetInt64(out var integer))
        {
            WriteInteger(output, integer);
            return;
        }

        if (!value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new FormatException($"number {value.GetRawText()} is outside the range of a double");
        }

        if (number == 0)
        {
            // -0.0 would print as "-0", which reads back as the integer 0 and prints as "0": one zero.
            WriteInteger(output, 0);
            return;
        }

        var span = output.GetSpan(32);
        number.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture);
        output.Advance(written);
    }

    /// <summary>
    /// Writes a string value. Its raw text as parsed (quotes included) is canonical when it has no escape
    /// and is valid UTF-8 (the parser lets no unescaped control character through), so it is copied;
    /// otherwise it is decoded and written with the canonical escaping.
    /// </summary>
    private static void WriteStringElement(IBufferWriter<byte> output, JsonElement value)
    {
        var raw = JsonMarshal.GetRawUtf8Value(value);
        var text = raw[1..^1];
        if (!text.Contains((byte)'\\') && Utf8.IsValid(text))
        {
            Raw(output, raw);
            return;
        }

        WriteString(output, ReadString(value));
    }

    private static bool IsPlainInteger(JsonElement value)
    {
        // A JSON integer literal has no fraction and no exponent; "1.0" and "1e3" take the double path.
        return JsonMarshal.GetRawUtf8Value(value).IndexOfAny(".eE"u8) < 0;
    }

    private static string ReadString(JsonElement value)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException("a string is not valid Unicode", e);
        }
    }

    private static string ReadName(JsonProperty property)
    {
        try
        {
            return property.Name;
        }
        catch (InvalidOperationException e)
        {
            throw new FormatException("a key is not valid Unicode", e);
        }
    }

    private static void WriteUtf8(IBufferWriter<byte> output, ReadOnlySpan<char> text)
    {
        if (text.IsEmpty)
        {
            return;
        }

        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        var status = System.Text.Unicode.Utf8.FromUtf16(text, span, out _, out var written, replaceInvalidSequences: false);
        if (status != OperationStatus.Done)
        {
            throw new FormatException("a string contains an unpaired surrogate");
        }

        output.Advance(written);
    }

    /// <summary>Sorts properties by their raw (plain ASCII) names: insertion sort for the few keys of an entry, else introsort.</summary>
    private static void SortByRawName(Span<JsonProperty> properties)
    {
        if (properties.Length > 16)
        {
            properties.Sort(RawNameOrder.Instance);
            return;
        }

        for (var i = 1; i < properties.Length; i++)
        {
            var item = properties[i];
            var name = JsonMarshal.GetRawUtf8PropertyName(item);
            var j = i - 1;
            while (j >= 0 && JsonMarshal.GetRawUtf8PropertyName(properties[j]).SequenceCompareTo(name) > 0)
            {
                properties[j + 1] = properties[j];
                j--;
            }

            properties[j + 1] = item;
        }
    }

    /// <summary>Orders properties by their raw (plain ASCII) names, byte by byte: ordinal order.</summary>
    private sealed class RawNameOrder : IComparer<JsonProperty>
    {
        public static readonly RawNameOrder Instance = new();

        public int Compare(JsonProperty x, JsonProperty y) =>
            JsonMarshal.GetRawUtf8PropertyName(x).SequenceCompareTo(JsonMarshal.GetRawUtf8PropertyName(y));
    }

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);
}

using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

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
    /// <summary>Writes a JSON value; throws <see cref="FormatException"/> on what has no canonical form.</summary>
    public static void WriteValue(IBufferWriter<byte> output, JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                WriteObject(output, value);
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
                    WriteValue(output, item);
                }

                Raw(output, "]"u8);
                break;
            case JsonValueKind.String:
                WriteString(output, ReadString(value));
                break;
            case JsonValueKind.Number:
                WriteNumber(output, value);
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
        Raw(output, "\""u8);
        var start = 0;
        for (var i = 0; i < value.Length; i++)
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

    private static void WriteObject(IBufferWriter<byte> output, JsonElement value)
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
            WriteValue(output, properties[i].Value);
        }

        Raw(output, "}"u8);
    }

    private static void WriteNumber(IBufferWriter<byte> output, JsonElement value)
    {
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

    private static byte HexDigit(int value) => (byte)(value < 10 ? '0' + value : 'a' + value - 10);
}

using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;

namespace Lumen.Core.Ledger;

/// <summary>
/// The verifier's fast path: proves in one streaming pass over the raw bytes, without allocating,
/// that a line is exactly what <see cref="LedgerEntryParser"/> accepts and
/// <see cref="LedgerCanonical.Serialize"/> writes back byte for byte: the nine fields in order
/// with the right types, no whitespace, canonical string escapes, canonical numbers and
/// timestamp, and the keys of every object inside <c>data</c> strictly ascending.
/// </summary>
/// <remarks>
/// It is conservative: "true" means the slow path (parse, re-serialise, compare) would accept the
/// line's form too; "false" only means "not proven here" (a malformed line, or a rare form it
/// does not try to prove, such as escaped or astral-plane keys), and the caller then runs the
/// slow path, which gives the real verdict and error message.
/// </remarks>
internal static class LedgerLineValidator
{
    /// <summary>Nesting the stack of last keys can follow; the parser's own limit is 64.</summary>
    private const int MaxDepth = 64;

    /// <summary>
    /// True when the line is proven canonical and well formed; <paramref name="seq"/> is its seq and
    /// <paramref name="prevStart"/> and <paramref name="hashStart"/> the offsets of the 64 hex
    /// digits of <c>prev</c> and <c>hash</c>.
    /// </summary>
    public static bool TryValidate(ReadOnlySpan<byte> line, out long seq, out int prevStart, out int hashStart)
    {
        seq = 0;
        prevStart = hashStart = -1;

        // The slow path rejects invalid UTF-8 in strings (GetString throws); outside strings the
        // JSON grammar allows only ASCII, so checking the whole line is the same test.
        if (!Utf8.IsValid(line))
        {
            return false;
        }

        // Per depth: where the previous key of the object open at that depth starts, and its length.
        Span<int> keyStart = stackalloc int[MaxDepth + 2];
        Span<int> keyLength = stackalloc int[MaxDepth + 2];
        var reader = new Utf8JsonReader(line, new JsonReaderOptions { MaxDepth = MaxDepth });
        var end = 0;
        var previous = JsonTokenType.None;
        var field = 0;
        var fieldValue = -1;
        try
        {
            while (reader.Read())
            {
                var type = reader.TokenType;
                var start = checked((int)reader.TokenStartIndex);
                var depth = reader.CurrentDepth;

                // Canonical form has no whitespace: exactly one ':' after a key, exactly one ','
                // between items, nothing after '{' or '[' or before '}' or ']'. The reader has
                // already checked the punctuation is right, so only the gap's length is left.
                var isEnd = type is JsonTokenType.EndObject or JsonTokenType.EndArray;
                var gap = previous == JsonTokenType.PropertyName || (IsValueEnd(previous) && !isEnd) ? 1 : 0;
                if (start != end + gap)
                {
                    return false;
                }

                if (previous == JsonTokenType.None && type != JsonTokenType.StartObject)
                {
                    return false;
                }

                end = start + TokenLength(ref reader, type);
                if (!IsCanonicalToken(ref reader, type))
                {
                    return false;
                }

                if (type == JsonTokenType.PropertyName)
                {
                    if (depth == 1)
                    {
                        if (field >= 9 || !reader.ValueSpan.SequenceEqual(FieldName(field)))
                        {
                            return false;
                        }

                        fieldValue = field++;
                    }
                    else if (!IsNextKey(line, start + 1, reader.ValueSpan.Length, keyStart, keyLength, depth))
                    {
                        return false;
                    }
                }
                else if (depth == 1 && !isEnd)
                {
                    if (!IsFieldValue(ref reader, type, fieldValue, ref seq))
                    {
                        return false;
                    }

                    if (fieldValue == 7)
                    {
                        prevStart = start + 1;
                    }
                    else if (fieldValue == 8)
                    {
                        hashStart = start + 1;
                    }
                }

                if (type == JsonTokenType.StartObject)
                {
                    keyStart[depth + 1] = -1;
                }

                previous = type;
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return field == 9 && previous == JsonTokenType.EndObject && end == line.Length && hashStart >= 0;
    }

    private static bool IsValueEnd(JsonTokenType type) => type is not (JsonTokenType.None or JsonTokenType.StartObject
        or JsonTokenType.StartArray or JsonTokenType.PropertyName);

    private static int TokenLength(ref Utf8JsonReader reader, JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject or JsonTokenType.EndObject or JsonTokenType.StartArray or JsonTokenType.EndArray => 1,
        JsonTokenType.String or JsonTokenType.PropertyName => reader.ValueSpan.Length + 2,
        _ => reader.ValueSpan.Length,
    };

    private static ReadOnlySpan<byte> FieldName(int index) => index switch
    {
        0 => "seq"u8,
        1 => "ts"u8,
        2 => "kind"u8,
        3 => "stage"u8,
        4 => "service"u8,
        5 => "actor"u8,
        6 => "data"u8,
        7 => "prev"u8,
        _ => "hash"u8,
    };

    /// <summary>The types and forms <see cref="LedgerEntryParser"/> requires of each of the nine fields.</summary>
    private static bool IsFieldValue(ref Utf8JsonReader reader, JsonTokenType type, int field, ref long seq)
    {
        var raw = reader.ValueSpan;
        switch (field)
        {
            case 0:
                return type == JsonTokenType.Number && reader.TryGetInt64(out seq) && seq >= 1;
            case 1:
                return type == JsonTokenType.String && IsCanonicalTime(raw);
            case 2 or 5:
                return type == JsonTokenType.String && raw.Length > 0;
            case 3 or 4:
                return type == JsonTokenType.Null || (type == JsonTokenType.String && raw.Length > 0);
            case 6:
                return type == JsonTokenType.StartObject;
            default:
                return type == JsonTokenType.String && IsLowerHex64(raw);
        }
    }

    private static bool IsCanonicalToken(ref Utf8JsonReader reader, JsonTokenType type) => type switch
    {
        JsonTokenType.String or JsonTokenType.PropertyName => !reader.ValueIsEscaped || HasCanonicalEscapes(reader.ValueSpan),
        JsonTokenType.Number => IsCanonicalNumber(ref reader),
        _ => true,
    };

    /// <summary>
    /// The escapes <see cref="CanonicalJson.WriteString"/> writes, and no others: <c>\"</c>, <c>\\</c>,
    /// the short forms, and <c>\u00xx</c> (lowercase) for the other control characters.
    /// </summary>
    private static bool HasCanonicalEscapes(ReadOnlySpan<byte> raw)
    {
        for (var i = raw.IndexOf((byte)'\\'); i >= 0 && i < raw.Length; i++)
        {
            if (raw[i] != (byte)'\\')
            {
                continue;
            }

            // The reader has checked every escape is complete and well formed.
            switch (raw[i + 1])
            {
                case (byte)'"' or (byte)'\\' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                    i++;
                    break;
                case (byte)'u':
                    var (hi, lo) = (raw[i + 4], raw[i + 5]);
                    var low = lo is >= (byte)'0' and <= (byte)'9' ? lo - '0' : lo is >= (byte)'a' and <= (byte)'f' ? lo - 'a' + 10 : -1;
                    if (raw[i + 2] != (byte)'0' || raw[i + 3] != (byte)'0' || hi is not ((byte)'0' or (byte)'1') || low < 0)
                    {
                        return false;
                    }

                    var code = ((hi - '0') << 4) | low;
                    if (code is '\b' or '\t' or '\n' or '\f' or '\r')
                    {
                        return false;
                    }

                    i += 5;
                    break;
                default:
                    return false;
            }
        }

        return true;
    }

    /// <summary>The number as <see cref="CanonicalJson"/> writes it back: plain 64-bit integer, else shortest round-trip double.</summary>
    private static bool IsCanonicalNumber(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (IsCanonicalByText(raw))
        {
            return true;
        }

        Span<byte> written = stackalloc byte[32];
        int length;
        if (raw.IndexOfAny(".eE"u8) < 0 && reader.TryGetInt64(out var integer))
        {
            if (!integer.TryFormat(written, out length, default, CultureInfo.InvariantCulture))
            {
                return false;
            }
        }
        else if (!reader.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            return false;
        }
        else if (LedgerNumberProof.IsShortestRoundTrip(raw, number))
        {
            return true;
        }
        else if (!number.TryFormat(written, out length, "R", CultureInfo.InvariantCulture))
        {
            return false;
        }

        return raw.SequenceEqual(written[..length]);
    }

    /// <summary>
    /// Proves a number canonical from its text alone, for the two forms that cover nearly every number
    /// a ledger holds; false means "not proven here" and the parse-and-format check decides. The
    /// reader has already checked the JSON number grammar <c>-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?</c>.
    /// </summary>
    /// <remarks>
    /// <para>Integers (no <c>.</c>, <c>e</c>, <c>E</c>) of at most 18 digits fit in a long, and
    /// <c>long.ToString</c> writes back exactly the grammar's digits (no leading zeros are possible)
    /// except for <c>-0</c>, which becomes <c>0</c>. So such a token is canonical iff it is not <c>-0</c>.</para>
    /// <para>Plain decimals <c>-?I.F</c> with at most 15 significant digits, the last digit of F not 0,
    /// and (when I is 0) at most 3 zeros after the point: any decimal of at most 15 significant digits
    /// survives decimal → nearest double → 15 digits (DBL_DIG = 15; .NET parses correctly rounded), so
    /// no other decimal of at most 15 digits maps to the same double; the shortest round-trip digits
    /// that "R" writes are therefore exactly F's and I's digits without trailing zeros, which a last
    /// digit other than 0 guarantees. "R" writes them in fixed notation when the decimal exponent
    /// lies in [−4, 15), i.e. when I has at most 15 digits (implied) or, for I = 0, the first
    /// significant digit is at most the 4th after the point (0.0001 stays fixed, 0.00001 is 1E-05);
    /// the sign is kept and −0 cannot occur (F ends in a non-zero digit). The values are finite.</para>
    /// </remarks>
    internal static bool IsCanonicalByText(ReadOnlySpan<byte> raw)
    {
        var digits = raw.Length > 0 && raw[0] == (byte)'-' ? raw[1..] : raw;
        var point = digits.IndexOf((byte)'.');
        if (point < 0)
        {
            return digits.Length is > 0 and <= 18 && !digits.ContainsAnyExcept("0123456789"u8)
                && !(raw.Length == 2 && raw[0] == (byte)'-' && raw[1] == (byte)'0');
        }

        var whole = digits[..point];
        var fraction = digits[(point + 1)..];
        if (fraction.Length == 0 || fraction[^1] == (byte)'0' || fraction.ContainsAnyExcept("0123456789"u8)
            || whole.Length == 0 || whole.ContainsAnyExcept("0123456789"u8))
        {
            return false;
        }

        int significant;
        if (whole.Length == 1 && whole[0] == (byte)'0')
        {
            var zeros = fraction.IndexOfAnyExcept((byte)'0');
            if (zeros > 3)
            {
                return false;
            }

            significant = fraction.Length - zeros;
        }
        else
        {
            significant = whole.Length + fraction.Length;
        }

        return significant <= 15;
    }

    /// <summary>
    /// True when the raw ts is exactly <c>yyyy-MM-ddTHH:mm:ss.fffZ</c> with every field in range:
    /// what <see cref="LedgerTime.TryParse"/> accepts and <see cref="LedgerTime.ToText"/> writes
    /// back unchanged (fixed widths, zero padded, already UTC and whole milliseconds). Checked by
    /// hand because DateTimeOffset.TryParseExact plus formatting costs as much as the JSON pass.
    /// </summary>
    internal static bool IsCanonicalTime(ReadOnlySpan<byte> raw)
    {
        if (raw.Length != 24 || raw[4] != '-' || raw[7] != '-' || raw[10] != 'T' || raw[13] != ':' || raw[16] != ':'
            || raw[19] != '.' || raw[23] != 'Z')
        {
            return false;
        }

        var year = Digits(raw, 0, 4);
        var month = Digits(raw, 5, 2);
        var day = Digits(raw, 8, 2);
        var hour = Digits(raw, 11, 2);
        var minute = Digits(raw, 14, 2);
        var second = Digits(raw, 17, 2);
        var millisecond = Digits(raw, 20, 3);
        return year is >= 1 and <= 9999 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month)
            && hour is >= 0 and <= 23 && minute is >= 0 and <= 59 && second is >= 0 and <= 59 && millisecond >= 0;
    }

    /// <summary>The decimal value of <paramref name="count"/> ASCII digits, or -1 if any is not a digit.</summary>
    private static int Digits(ReadOnlySpan<byte> raw, int start, int count)
    {
        var value = 0;
        foreach (var b in raw.Slice(start, count))
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return -1;
            }

            value = (value * 10) + (b - '0');
        }

        return value;
    }

    private static bool IsLowerHex64(ReadOnlySpan<byte> raw) =>
        raw.Length == 64 && !raw.ContainsAnyExcept("0123456789abcdef"u8);

    /// <summary>
    /// True when a key inside <c>data</c> sorts strictly after the previous key of its object, in
    /// the UTF-16 ordinal order <see cref="CanonicalJson"/> sorts by. Raw UTF-8 byte order equals
    /// that order for unescaped keys without astral-plane characters (4-byte sequences, lead byte
    /// 0xF0 and up); other keys are left to the slow path.
    /// </summary>
    private static bool IsNextKey(ReadOnlySpan<byte> line, int start, int length, Span<int> keyStart, Span<int> keyLength,
        int depth)
    {
        var key = line.Slice(start, length);
        if (depth > MaxDepth || key.IndexOfAnyInRange((byte)0xF0, (byte)0xFF) >= 0 || key.Contains((byte)'\\'))
        {
            return false;
        }

        if (keyStart[depth] >= 0 && line.Slice(keyStart[depth], keyLength[depth]).SequenceCompareTo(key) >= 0)
        {
            return false;
        }

        keyStart[depth] = start;
        keyLength[depth] = length;
        return true;
    }
}

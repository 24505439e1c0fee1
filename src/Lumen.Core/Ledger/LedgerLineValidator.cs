using System.Buffers.Binary;
using System.Buffers.Text;
using System.Globalization;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
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
    /// <summary>Nesting inside <c>data</c> proven here; deeper lines go to the slow path (whose parser allows 64 in all).</summary>
    private const int MaxDataDepth = 32;

    /// <summary>
    /// True when the line is proven canonical and well formed; <paramref name="seq"/> is its seq and
    /// <paramref name="prevStart"/> and <paramref name="hashStart"/> the offsets of the 64 hex
    /// digits of <c>prev</c> and <c>hash</c>.
    /// </summary>
    /// <remarks>
    /// One pass of a hand-written scanner for the only text the canonical writer produces: the nine
    /// fields as fixed literals (<c>{"seq":</c>, <c>,"ts":"</c>, …) with their values between, and
    /// inside <c>data</c> the JSON grammar with no whitespace at all. So every byte is looked at once
    /// and nothing is decoded except the numbers the text proof cannot settle.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryValidate(ReadOnlySpan<byte> line, out long seq, out int prevStart, out int hashStart) =>
        Scan(line, out seq, out prevStart, out hashStart) == line.Length && IsValidUtf8(line);

    /// <summary>
    /// The same proof for the line at the start of <paramref name="text"/> (a block of lines): true when a proven
    /// line of <paramref name="length"/> bytes is followed by a newline there. That newline is the first in
    /// <paramref name="text"/>: no byte 0x0A is part of a proven line (raw control characters are refused in strings
    /// and keys, and appear nowhere else), so the line is the one a split at newlines gives, found without a
    /// separate search for its end.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool TryValidateFirstLine(ReadOnlySpan<byte> text, out long seq, out int prevStart, out int hashStart,
        out int length)
    {
        length = Scan(text, out seq, out prevStart, out hashStart);
        return length > 0 && length < text.Length && text[length] == (byte)'\n' && IsValidUtf8(text[..length]);
    }

    /// <summary>
    /// The slow path rejects invalid UTF-8 in strings (GetString throws); outside strings the JSON grammar allows only
    /// ASCII, so checking the whole line is the same test.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsValidUtf8(ReadOnlySpan<byte> line) => Utf8.IsValid(line);

    /// <summary>
    /// Scans the canonical form from the start of <paramref name="text"/>: the index just past the closing
    /// <c>"}</c> of a well-formed line, or -1. Whatever follows is not looked at.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int Scan(ReadOnlySpan<byte> line, out long seq, out int prevStart, out int hashStart)
    {
        seq = 0;
        prevStart = hashStart = -1;
        var p = 0;
        if (!Literal(line, ref p, "{\"seq\":"u8) || !Seq(line, ref p, out seq)
            || !Literal(line, ref p, ",\"ts\":\""u8) || p + 25 > line.Length || !IsCanonicalTime(line.Slice(p, 24))
            || line[p + 24] != (byte)'"')
        {
            return -1;
        }

        p += 25;
        if (!Literal(line, ref p, ",\"kind\":"u8) || !NonEmptyString(line, ref p)
            || !Literal(line, ref p, ",\"stage\":"u8) || !NullOrNonEmptyString(line, ref p)
            || !Literal(line, ref p, ",\"service\":"u8) || !NullOrNonEmptyString(line, ref p)
            || !Literal(line, ref p, ",\"actor\":"u8) || !NonEmptyString(line, ref p)
            || !Literal(line, ref p, ",\"data\":"u8) || At(line, p) != (byte)'{' || (p = ObjectEnd(line, p, 1)) < 0
            || !Literal(line, ref p, ",\"prev\":\""u8) || !LowerHex64(line, ref p))
        {
            return -1;
        }

        prevStart = p - 64;
        if (!Literal(line, ref p, "\",\"hash\":\""u8) || !LowerHex64(line, ref p))
        {
            return -1;
        }

        hashStart = p - 64;
        return Literal(line, ref p, "\"}"u8) ? p : -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte b) => unchecked((uint)(b - '0')) <= 9;

    /// <summary>The byte at <paramref name="p"/>, or 0 past the end (0 is valid nowhere a byte is looked at).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static byte At(ReadOnlySpan<byte> line, int p) => (uint)p < (uint)line.Length ? line[p] : (byte)0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Literal(ReadOnlySpan<byte> line, ref int p, ReadOnlySpan<byte> literal)
    {
        if (!line[p..].StartsWith(literal))
        {
            return false;
        }

        p += literal.Length;
        return true;
    }

    /// <summary>seq: an integer of 1 to 18 digits, no leading zero, at least 1 (longer ones go to the slow path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Seq(ReadOnlySpan<byte> line, ref int p, out long seq)
    {
        seq = 0;
        var start = p;
        while (p < line.Length && IsDigit(line[p]))
        {
            if (p - start == 18)
            {
                return false;
            }

            seq = (seq * 10) + (line[p] - '0');
            p++;
        }

        return p > start && line[start] != (byte)'0';
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool LowerHex64(ReadOnlySpan<byte> line, ref int p)
    {
        if (p + 64 > line.Length)
        {
            return false;
        }

        // 16 bytes at a time: each must be 0-9 or a-f (unsigned compares after subtracting the range's start).
        for (var i = 0; i < 64; i += 16)
        {
            var v = Vector128.Create(line.Slice(p + i, 16));
            var digit = Vector128.LessThanOrEqual(v - Vector128.Create((byte)'0'), Vector128.Create((byte)9));
            var letter = Vector128.LessThanOrEqual(v - Vector128.Create((byte)'a'), Vector128.Create((byte)5));
            if ((digit | letter) != Vector128<byte>.AllBitsSet)
            {
                return false;
            }
        }

        p += 64;
        return true;
    }

    private static bool NonEmptyString(ReadOnlySpan<byte> line, ref int p)
    {
        var start = p;
        return ScanString(line, ref p) && p - start > 2;
    }

    private static bool NullOrNonEmptyString(ReadOnlySpan<byte> line, ref int p) =>
        At(line, p) == (byte)'n' ? Literal(line, ref p, "null"u8) : NonEmptyString(line, ref p);

    /// <summary>A string (see <see cref="StringEnd"/>); moves <paramref name="p"/> past the closing quote.</summary>
    private static bool ScanString(ReadOnlySpan<byte> line, ref int p)
    {
        p = StringEnd(line, p);
        return p >= 0;
    }

    /// <summary>
    /// A string with the escapes <see cref="CanonicalJson.WriteString"/> writes, and no others: <c>\"</c>,
    /// <c>\\</c>, the short forms, and <c>\u00xx</c> (lowercase) for the other control characters; no raw
    /// control character. The index past the closing quote, or -1.
    /// </summary>
    /// <remarks>
    /// The scanner's functions inside <c>data</c> take a position and give the one past what they read (or -1),
    /// so that positions stay in registers instead of going through a reference to the caller's variable.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int StringEnd(ReadOnlySpan<byte> line, int p)
    {
        if (At(line, p) != (byte)'"')
        {
            return -1;
        }

        p++;
        while (true)
        {
            p = SkipPlain(line, p, key: false);
            var b = At(line, p);
            if (b == (byte)'"')
            {
                return p + 1;
            }

            // A backslash, a raw control character, or the end of the line (At gives 0).
            if (b != (byte)'\\' || !Escape(line, ref p))
            {
                return -1;
            }
        }
    }

    /// <summary>
    /// The first index at or after <paramref name="p"/> (or the line's end) whose byte ends a run of plain string
    /// bytes: <c>"</c>, <c>\</c>, a control character, and for a <paramref name="key"/> also a lead byte 0xF0 and
    /// up. Sixteen bytes at a time while they last (strings and keys are mostly longer than a few bytes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int SkipPlain(ReadOnlySpan<byte> line, int p, bool key)
    {
        unchecked
        {
            ref var start = ref MemoryMarshal.GetReference(line);
            while (p <= line.Length - 16)
            {
                var v = Vector128.LoadUnsafe(ref start, (nuint)p);
                var stop = Vector128.Equals(v, Vector128.Create((byte)'"')) | Vector128.Equals(v, Vector128.Create((byte)'\\'))
                    | Vector128.LessThan(v, Vector128.Create((byte)0x20));
                if (key)
                {
                    stop |= Vector128.GreaterThanOrEqual(v, Vector128.Create((byte)0xF0));
                }

                var bits = stop.ExtractMostSignificantBits();
                if (bits != 0)
                {
                    return p + BitOperations.TrailingZeroCount(bits);
                }

                p += 16;
            }

            while (p < line.Length)
            {
                var b = line[p];
                if (b == (byte)'"' || b == (byte)'\\' || b < 0x20 || (key && b >= 0xF0))
                {
                    break;
                }

                p++;
            }

            return p;
        }
    }

    /// <summary>One canonical escape at <paramref name="p"/> (a backslash); moves past it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Escape(ReadOnlySpan<byte> line, ref int p)
    {
        switch (At(line, p + 1))
        {
            case (byte)'"' or (byte)'\\' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                p += 2;
                return true;
            case (byte)'u':
                var (hi, lo) = (At(line, p + 4), At(line, p + 5));
                var low = lo is >= (byte)'0' and <= (byte)'9' ? lo - '0' : lo is >= (byte)'a' and <= (byte)'f' ? lo - 'a' + 10 : -1;
                if (At(line, p + 2) != (byte)'0' || At(line, p + 3) != (byte)'0' || hi is not ((byte)'0' or (byte)'1') || low < 0)
                {
                    return false;
                }

                var code = ((hi - '0') << 4) | low;
                if (code is '\b' or '\t' or '\n' or '\f' or '\r')
                {
                    return false;
                }

                p += 6;
                return true;
            default:
                return false;
        }
    }

    /// <summary>Any JSON value inside <c>data</c>, canonical, at nesting <paramref name="depth"/>: the index past it, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ValueEnd(ReadOnlySpan<byte> line, int p, int depth) => At(line, p) switch
    {
        (byte)'{' => ObjectEnd(line, p, depth),
        (byte)'[' => ArrayEnd(line, p, depth),
        (byte)'"' => StringEnd(line, p),
        (byte)'t' => WordEnd(line, p, "true"u8),
        (byte)'f' => WordEnd(line, p, "false"u8),
        (byte)'n' => WordEnd(line, p, "null"u8),
        var b when b == (byte)'-' || IsDigit(b) => NumberEnd(line, p),
        _ => -1,
    };

    /// <summary>The index past <paramref name="word"/> at <paramref name="p"/>, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int WordEnd(ReadOnlySpan<byte> line, int p, ReadOnlySpan<byte> word) =>
        line[p..].StartsWith(word) ? p + word.Length : -1;

    /// <summary>
    /// An object whose keys are strictly ascending in the UTF-16 ordinal order <see cref="CanonicalJson"/>
    /// sorts by: the index past it, or -1. Raw UTF-8 byte order equals that order for unescaped keys without
    /// astral-plane characters (4-byte sequences, lead byte 0xF0 and up); other keys are left to the slow path.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ObjectEnd(ReadOnlySpan<byte> line, int p, int depth)
    {
        unchecked
        {
            if (depth > MaxDataDepth)
            {
                return -1;
            }

            p++;
            if (At(line, p) == (byte)'}')
            {
                return p + 1;
            }

            var previous = ReadOnlySpan<byte>.Empty;
            var first = true;
            while (true)
            {
                if (At(line, p) != (byte)'"')
                {
                    return -1;
                }

                var start = ++p;
                p = SkipPlain(line, p, key: true);
                if (At(line, p) != (byte)'"')
                {
                    return -1;
                }

                var key = line[start..p];
                if (!first && !IsAscending(previous, key))
                {
                    return -1;
                }

                previous = key;
                first = false;
                if (At(line, p + 1) != (byte)':')
                {
                    return -1;
                }

                p = ValueEnd(line, p + 2, depth + 1);
                if (p < 0)
                {
                    return -1;
                }

                var b = At(line, p);
                if (b != (byte)',')
                {
                    return b == (byte)'}' ? p + 1 : -1;
                }

                p++;
            }
        }
    }

    /// <summary>An array of canonical values: the index past it, or -1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ArrayEnd(ReadOnlySpan<byte> line, int p, int depth)
    {
        unchecked
        {
            if (depth > MaxDataDepth)
            {
                return -1;
            }

            p++;
            if (At(line, p) == (byte)']')
            {
                return p + 1;
            }

            while (true)
            {
                p = ValueEnd(line, p, depth + 1);
                if (p < 0)
                {
                    return -1;
                }

                var b = At(line, p);
                if (b != (byte)',')
                {
                    return b == (byte)']' ? p + 1 : -1;
                }

                p++;
            }
        }
    }

    /// <summary>
    /// A number in the JSON grammar <c>-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?</c>, in canonical form. One pass over
    /// the digits gathers what the proofs need (the digits' value, how many are significant, the zeros after
    /// "0.", where the point is), so the common forms are settled without looking at the text again: the proofs
    /// of <see cref="IsCanonicalByText"/> (integers, decimals of at most 15 significant digits) and of
    /// <see cref="LedgerNumberProof"/> (16 and 17 digits). Anything else goes to <see cref="IsCanonicalNumber(ReadOnlySpan{byte}, bool)"/>,
    /// which decides with the same proofs and, failing them, parses and formats. The index past the number, or -1.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NumberEnd(ReadOnlySpan<byte> line, int p)
    {
        var end = p;
        return IsCanonicalNumberAt(line, ref end) ? end : -1;
    }

    /// <summary>The number at <paramref name="end"/> canonical; <paramref name="end"/> moves past it (see <see cref="NumberEnd"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsCanonicalNumberAt(ReadOnlySpan<byte> line, ref int end)
    {
        unchecked
        {
            var p = end;
            var start = p;
            var negative = At(line, p) == (byte)'-';
            if (negative)
            {
                p++;
            }

            // The integer part: 0, or a non-zero digit and more digits. n gathers the significant digits (the
            // leading 0 of "0." is not one); past 19 of them it wraps around and is not used.
            var wholeStart = p;
            ulong n = 0;
            var significant = 0;
            var b = At(line, p);
            if (b == (byte)'0')
            {
                b = At(line, ++p);
            }
            else if (IsDigit(b))
            {
                p = GatherDigits(line, p, ref n);
                significant = p - wholeStart;
                b = At(line, p);
            }
            else
            {
                return false;
            }

            var wholeLength = p - wholeStart;
            if (b != (byte)'.')
            {
                if ((b | 0x20) == (byte)'e')
                {
                    end = ScanExponent(line, p);
                    return end > 0 && IsCanonicalNumber(line[start..end], plain: false);
                }

                // An integer: canonical when it fits the proof (at most 18 digits, not -0), else decided the long way.
                end = p;
                return (wholeLength <= 18 && !(negative && significant == 0)) || IsCanonicalNumber(line[start..p], plain: true);
            }

            // The fraction; after "0." its leading zeros are not significant.
            var fractionStart = ++p;
            if (significant == 0)
            {
                while (At(line, p) == (byte)'0')
                {
                    p++;
                }
            }

            var zeros = p - fractionStart;
            var fractionDigits = p;
            p = GatherDigits(line, p, ref n);
            significant += p - fractionDigits;
            b = At(line, p);
            var k = p - fractionStart;
            if (k == 0)
            {
                return false;
            }

            if ((b | 0x20) == (byte)'e')
            {
                end = ScanExponent(line, p);
                return end > 0 && IsCanonicalNumber(line[start..end], plain: false);
            }

            // A plain decimal with its last digit not 0 and, after "0.", at most 3 zeros: at most 15 significant
            // digits are proven by IsCanonicalByText's argument, 16 and 17 by LedgerNumberProof's.
            end = p;
            if (line[p - 1] != (byte)'0' && zeros <= 3)
            {
                if (significant <= 15)
                {
                    return true;
                }

                if (significant <= 17 && wholeLength <= 15 && k <= 21 && LedgerNumberProof.IsShortestRoundTrip(n, k, negative))
                {
                    return true;
                }
            }

            return IsCanonicalNumber(line[start..p], plain: true);
        }
    }

    /// <summary>The scanner's verdict on a whole token: a number in the JSON grammar, in canonical form, and nothing after it (for tests).</summary>
    internal static bool IsCanonicalNumberToken(ReadOnlySpan<byte> raw)
    {
        return NumberEnd(raw, 0) == raw.Length;
    }

    /// <summary>
    /// The index past the run of digits at <paramref name="p"/>, appending them to <paramref name="n"/> (modulo 2^64).
    /// Eight at a time while eight digits follow: one 64-bit load, a test that all eight bytes are digits, and three
    /// multiplications for their value (the method of simdjson and fast_float), then one at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int GatherDigits(ReadOnlySpan<byte> line, int p, ref ulong n)
    {
        unchecked
        {
            var value = n;
            while (p <= line.Length - 8)
            {
                var word = BinaryPrimitives.ReadUInt64LittleEndian(line[p..]);
                if (((word & 0xF0F0F0F0F0F0F0F0) | (((word + 0x0606060606060606) & 0xF0F0F0F0F0F0F0F0) >> 4)) != 0x3333333333333333)
                {
                    break;
                }

                // The first byte (the most significant digit) is the lowest of the little-endian word.
                word -= 0x3030303030303030;
                word = (word * 10) + (word >> 8);
                word = (((word & 0x000000FF000000FF) * 0x000F424000000064) + (((word >> 16) & 0x000000FF000000FF) * 0x0000271000000001)) >> 32;
                value = (value * 100_000_000) + word;
                p += 8;
            }

            byte b;
            while (IsDigit(b = At(line, p)))
            {
                value = (value * 10) + (uint)(b - '0');
                p++;
            }

            n = value;
            return p;
        }
    }

    /// <summary>The index past an exponent at <paramref name="p"/> (<c>e</c> or <c>E</c>, an optional sign, one or more digits), or -1.</summary>
    private static int ScanExponent(ReadOnlySpan<byte> line, int p)
    {
        p++;
        if (At(line, p) is (byte)'+' or (byte)'-')
        {
            p++;
        }

        return Digits(line, ref p) ? p : -1;
    }

    /// <summary>One or more ASCII digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Digits(ReadOnlySpan<byte> line, ref int p)
    {
        var start = p;
        while (IsDigit(At(line, p)))
        {
            p++;
        }

        return p > start;
    }

    /// <summary>
    /// The number (already in the JSON grammar) as <see cref="CanonicalJson"/> writes it back: plain 64-bit
    /// integer, else shortest round-trip double. <paramref name="plain"/>: no exponent.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool IsCanonicalNumber(ReadOnlySpan<byte> raw, bool plain)
    {
        if (IsCanonicalByText(raw))
        {
            return true;
        }

        // A full-precision plain decimal, proven from its digits against N / 10^k computed in doubles (nearly
        // always the parsed value, and the proof checks that it is), else against the value parsed (correctly
        // rounded, as every .NET parser is, so the same double the slow path's reader gives).
        if (plain && IndexOfPoint(raw) >= 0 && (LedgerNumberProof.IsShortestRoundTrip(raw)
            || (Utf8Parser.TryParse(raw, out double parsed, out var consumed) && consumed == raw.Length
                && LedgerNumberProof.IsShortestRoundTrip(raw, parsed))))
        {
            return true;
        }

        // Anything else: exactly what the reader of the slow path does, parse and format back.
        var reader = new Utf8JsonReader(raw);
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.BytesConsumed == raw.Length
            && IsCanonicalNumber(ref reader);
    }

    /// <summary>The number as <see cref="CanonicalJson"/> writes it back: plain 64-bit integer, else shortest round-trip double.</summary>
    private static bool IsCanonicalNumber(ref Utf8JsonReader reader)
    {
        var raw = reader.ValueSpan;
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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static bool IsCanonicalByText(ReadOnlySpan<byte> raw)
    {
        var digits = raw.Length > 0 && raw[0] == (byte)'-' ? raw[1..] : raw;
        var point = IndexOfPoint(digits);
        if (point < 0)
        {
            return digits.Length is > 0 and <= 18 && AllDigits(digits)
                && !(raw.Length == 2 && raw[0] == (byte)'-' && raw[1] == (byte)'0');
        }

        var whole = digits[..point];
        var fraction = digits[(point + 1)..];
        if (fraction.Length == 0 || fraction[^1] == (byte)'0' || !AllDigits(fraction)
            || whole.Length == 0 || !AllDigits(whole))
        {
            return false;
        }

        int significant;
        if (whole.Length == 1 && whole[0] == (byte)'0')
        {
            var zeros = 0;
            while (zeros < fraction.Length && fraction[zeros] == (byte)'0')
            {
                zeros++;
            }

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
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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

    /// <summary>
    /// The index of the decimal point, or -1. (The hot loops here avoid the runtime's span helpers: for the few
    /// bytes of a number or a key a plain loop is as fast, and it is compiled once, fully optimised.)
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int IndexOfPoint(ReadOnlySpan<byte> raw)
    {
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'.')
            {
                return i;
            }
        }

        return -1;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool AllDigits(ReadOnlySpan<byte> raw)
    {
        foreach (var b in raw)
        {
            if (!IsDigit(b))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when <paramref name="previous"/> sorts strictly before <paramref name="key"/>, byte by byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsAscending(ReadOnlySpan<byte> previous, ReadOnlySpan<byte> key)
    {
        unchecked
        {
            var common = Math.Min(previous.Length, key.Length);
            for (var i = 0; i < common; i++)
            {
                if (previous[i] != key[i])
                {
                    return previous[i] < key[i];
                }
            }

            return previous.Length < key.Length;
        }
    }
}

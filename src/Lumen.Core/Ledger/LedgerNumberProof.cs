using System.Runtime.CompilerServices;

namespace Lumen.Core.Ledger;

/// <summary>
/// Proves a 16- or 17-significant-digit decimal canonical from its digits and its parsed double,
/// without formatting the double (docs/ledger.md, "Verification speed"): most of a real ledger's
/// numbers are full-precision doubles, and formatting each back to compare was most of the
/// verification's CPU. False means "not proven here"; the parse-and-format check then decides.
/// </summary>
/// <remarks>
/// <para>The canonical form of a double x (shortest round trip, <c>"R"</c>) is the shortest digit
/// string whose value lies in x's rounding interval, and of those the closest to x. For a text
/// v = N·10^k of D significant digits (N's last digit not 0, so v is not on the (D−1)-digit grid)
/// with x = parse(v), it is therefore canonical when both hold:</para>
/// <list type="number">
/// <item>no (D−1)-digit decimal lies in the interval: it is convex and holds v, so if any did, one of
/// v's two neighbours on that grid, ⌊N/10⌋·10^(k+1) and (⌊N/10⌋+1)·10^(k+1), would; both are checked
/// strictly outside;</item>
/// <item>v is the D-digit decimal nearest to x: |v − x| &lt; ½·10^k, strictly.</item>
/// </list>
/// <para>With x = m·2^q (q &lt; 0 in the range handled) every quantity is an integer after scaling by
/// 4·2^(−q)·10^(−k): x → 4m·10^K (K = −k), v → 4N·2^(−q), the half-ulps → 2·10^K (10^K below a power of
/// two), ½·10^k → 2·2^(−q), one unit of the (D−1)-digit grid → 40·2^(−q). All fit in 128 bits for
/// K ≤ 21 and −q ≤ 68 (x ≥ 10⁻⁴, the fixed notation's lower end); anything else is left to the slow
/// check. Equality with an endpoint is never taken as proof. The notation rules are those of
/// <see cref="LedgerLineValidator.IsCanonicalByText"/>: fixed, at most 15 integer digits, at most 3 zeros
/// after the point before the first significant digit.</para>
/// </remarks>
internal static class LedgerNumberProof
{
    private static readonly UInt128[] PowersOfTen = [.. Enumerable.Range(0, 23).Select(Pow10)];

    /// <summary>10^k as doubles, exact for k ≤ 22.</summary>
    private static readonly double[] DoublePowersOfTen = [.. Enumerable.Range(0, 23).Select(k => Math.Pow(10, k))];

    /// <summary>True when <paramref name="raw"/> (JSON number grammar) is provably what "R" writes for <paramref name="x"/> = its parsed value.</summary>
    public static bool IsShortestRoundTrip(ReadOnlySpan<byte> raw, double x) =>
        TryDigits(raw, out var n, out var k, out var negative) && Prove(n, k, negative, x);

    /// <summary>
    /// The same proof without parsing: the candidate is N / 10^k in double arithmetic (within an ulp or so of the
    /// value), and the proof also requires the text strictly inside the candidate's rounding interval, which makes
    /// the candidate the parsed value (parsing rounds correctly). False when the candidate is not it: then parse.
    /// </summary>
    public static bool IsShortestRoundTrip(ReadOnlySpan<byte> raw) =>
        TryDigits(raw, out var n, out var k, out var negative) && IsShortestRoundTrip(n, k, negative);

    /// <summary>
    /// The proof for the decimal ±<paramref name="n"/>·10^(−<paramref name="k"/>) (16 or 17 significant digits,
    /// the last not 0, k ≤ 21, fixed notation as <see cref="LedgerLineValidator.IsCanonicalByText"/> describes),
    /// without parsing: the candidates are N / 10^k in doubles and its two neighbours.
    /// </summary>
    /// <remarks>
    /// N / 10^k is the correctly rounded quotient of N rounded to a double (exact below 2^53, i.e. for nearly all
    /// 16-digit N) by 10^k (exact for k ≤ 22), so it is the parsed value or next to it. Each candidate must pass
    /// <see cref="Prove"/>, whose first check (the text strictly inside the candidate's rounding interval) holds
    /// for the parsed value only, so trying a neighbour never proves a text some other double would give.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static bool IsShortestRoundTrip(ulong n, int k, bool negative)
    {
        if ((uint)k > 21)
        {
            return false;
        }

        var candidate = n / DoublePowersOfTen[k];
        var sign = negative ? -1.0 : 1.0;
        return Prove(n, k, negative, sign * candidate)
            || Prove(n, k, negative, sign * Math.BitIncrement(candidate))
            || Prove(n, k, negative, sign * Math.BitDecrement(candidate));
    }

    /// <summary>N (the significant digits, 16 or 17 of them) and k (digits after the point) of a fixed-notation decimal.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool TryDigits(ReadOnlySpan<byte> raw, out ulong n, out int k, out bool negative)
    {
        n = 0;
        k = 0;
        negative = raw.Length > 0 && raw[0] == (byte)'-';
        var digits = negative ? raw[1..] : raw;
        var point = LedgerLineValidator.IndexOfPoint(digits);
        if (point <= 0 || point > 15)
        {
            return false;
        }

        var whole = digits[..point];
        var fraction = digits[(point + 1)..];
        if (fraction.Length == 0 || fraction[^1] == (byte)'0' || fraction.Length > 21)
        {
            return false;
        }

        // N: the significant digits (leading zeros of "0.000…" skipped), at most 17 of them.
        var significant = 0;
        var zerosAfterPoint = 0;
        var leading = whole.Length == 1 && whole[0] == (byte)'0';
        if ((!leading && !Accumulate(whole, ref n, ref significant, ref zerosAfterPoint))
            || !Accumulate(fraction, ref n, ref significant, ref zerosAfterPoint))
        {
            return false;
        }

        k = fraction.Length;
        return significant >= 16 && zerosAfterPoint <= 3;
    }

    /// <summary>
    /// True when v = <paramref name="n"/>·10^(−<paramref name="k"/>) lies strictly inside x's rounding interval (so x is
    /// v parsed) and is the shortest round-trip form of x.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static bool Prove(ulong n, int k, bool negative, double x)
    {
        // Unchecked: every quantity stays below 2^128 in the range handled (see the remarks on the class), and the
        // checked UInt128 operators are calls, not instructions.
        unchecked
        {
            // The ranges the argument needs (the callers' too, kept here so no input can overflow): at most 17
            // digits, the last not 0, at most 21 after the point.
            if (n >= 100_000_000_000_000_000UL || n % 10 == 0 || (uint)k > 21
                || !double.IsFinite(x) || x == 0 || (x < 0) != negative)
            {
                return false;
            }

            var bits = BitConverter.DoubleToInt64Bits(Math.Abs(x));
            var exponent = (int)((bits >> 52) & 0x7FF);
            var m = (ulong)(bits & 0xF_FFFF_FFFF_FFFF);
            if (exponent == 0)
            {
                return false;
            }

            var lowerIsCloser = m == 0 && exponent > 1;
            m |= 1UL << 52;
            var q = exponent - 1075;
            if (q >= 0 || -q > 68)
            {
                return false;
            }

            // Multiplying by 2^(−q) is a shift; the one product of two large factors is a 64 × 128-bit one.
            var shift = -q;
            var tenK = PowersOfTen[k];
            var scaledX = Multiply(4 * m, tenK);
            var scaledV = (UInt128)n << (shift + 2);
            var halfUlpAbove = tenK << 1;
            var halfUlpBelow = lowerIsCloser ? tenK : halfUlpAbove;
            var halfUnit = UInt128.One << (shift + 1);

            // 0. v is strictly inside x's rounding interval, so parsing v gives x (always so when x is v parsed, unless
            // v is an endpoint; checked because the caller may pass a computed candidate).
            if (scaledV + halfUlpBelow <= scaledX || scaledV >= scaledX + halfUlpAbove)
            {
                return false;
            }

            // 2. v is the nearest D-digit decimal to x.
            var distance = scaledV > scaledX ? scaledV - scaledX : scaledX - scaledV;
            if (distance >= halfUnit)
            {
                return false;
            }

            // 1. Neither neighbour on the (D−1)-digit grid is in x's rounding interval.
            var down = (UInt128)(n - (n % 10)) << (shift + 2);
            var up = down + ((UInt128)40 << shift);
            return down + halfUlpBelow < scaledX && up > scaledX + halfUlpAbove;
        }
    }

    /// <summary>Adds the digits to N, skipping zeros before the first significant one; false when a byte is not a digit or N passes 17 digits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Accumulate(ReadOnlySpan<byte> span, ref ulong n, ref int significant, ref int zeros)
    {
        foreach (var c in span)
        {
            var d = unchecked((uint)(c - (byte)'0'));
            if (d > 9)
            {
                return false;
            }

            if (significant == 0 && d == 0)
            {
                zeros++;
                continue;
            }

            if (++significant > 17)
            {
                return false;
            }

            n = (n * 10) + d;
        }

        return true;
    }

    /// <summary>a × b, exactly (the callers' ranges keep it below 2^128).</summary>
    private static UInt128 Multiply(ulong a, UInt128 b)
    {
        unchecked
        {
            var high = Math.BigMul(a, (ulong)b, out var low);
            return new UInt128(high + (a * (ulong)(b >> 64)), low);
        }
    }

    private static UInt128 Pow10(int e)
    {
        UInt128 p = 1;
        for (var i = 0; i < e; i++)
        {
            p *= 10;
        }

        return p;
    }
}

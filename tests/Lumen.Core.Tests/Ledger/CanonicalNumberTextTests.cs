using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Ledger;

public sealed class CanonicalNumberTextTests
{
    /// <summary>Edge cases of the grammar and of the proofs' ranges.</summary>
    private static readonly string[] SpecialNumbers =
    [
        "0", "-0", "0.0", "-0.0", "01", "-", "1.", ".5", "1e5", "1E+300", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "123456789012345678", "1234567890123456789", "0.0001", "0.00001", "1E-05", "-1", "00",
        "1.5e", "1e+", "5E-324", "1.7976931348623157E+308", "-123456789012345678", "0.0001234567890123456",
        "0.00001234567890123456", "123456789012345.6", "1234567890123456.7", "18446744073709551616.5",
        "-18446744073709551616", "36893488147419103232.25",
    ];

    [Theory]
    [InlineData("0", true)]
    [InlineData("-0", false)]
    [InlineData("123456789012345678", true)]
    [InlineData("1234567890123456789", false)]
    [InlineData("0.5", true)]
    [InlineData("-0.5", true)]
    [InlineData("0.0001", true)]
    [InlineData("0.00001", false)]
    [InlineData("5.0", false)]
    [InlineData("1.50", false)]
    [InlineData("12345678901234.5", true)]
    [InlineData("123456789012345.5", false)]
    [InlineData("0.1234567890123456", false)]
    [InlineData("1e5", false)]
    public void IsCanonicalByText_Examples(string text, bool proven)
    {
        Assert.Equal(proven, LedgerLineValidator.IsCanonicalByText(Encoding.ASCII.GetBytes(text)));
    }

    /// <summary>What the text check proves must be what parse-and-format says: the shortest round trip, written back the same.</summary>
    [Property(MaxTest = 20_000)]
    public Property IsCanonicalByText_Proven_ImpliesRoundTripFormatIsTheSameText(int seed)
    {
        var random = new Random(seed);
        var text = Candidate(random);

        var proven = LedgerLineValidator.IsCanonicalByText(Encoding.ASCII.GetBytes(text));
        var formatted = text.Contains('.', StringComparison.Ordinal)
            ? double.Parse(text, CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture)
            : long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) ? l.ToString(CultureInfo.InvariantCulture) : "";

        return (!proven || formatted == text).Label($"{text} proven but written back as {formatted}");
    }

    [Property(MaxTest = 5_000)]
    public Property IsCanonicalByText_ShortRoundTripDoubles_AreProven(int seed)
    {
        var random = new Random(seed);
        var value = Math.Round((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-3, 12)), random.Next(0, 6));
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var expected = !text.Contains('E', StringComparison.Ordinal) && text != "-0" && text.Count(char.IsAsciiDigit) <= 15
            && (text.Contains('.', StringComparison.Ordinal) || text.TrimStart('-').Length <= 18)
            && !text.TrimStart('-').StartsWith("0.0000", StringComparison.Ordinal);
        return (LedgerLineValidator.IsCanonicalByText(Encoding.ASCII.GetBytes(text)) == expected).Label(text);
    }

    /// <summary>The digits proof of 16–17-digit doubles never accepts a text that parse-and-format would write differently.</summary>
    [Property(MaxTest = 20_000)]
    public Property IsShortestRoundTrip_Proven_ImpliesRoundTripFormatIsTheSameText(int seed)
    {
        var random = new Random(seed);
        var value = (random.Next(4) == 0 ? -1 : 1) * random.NextDouble() * Math.Pow(10, random.Next(-4, 15));
        var text = random.Next(5) switch
        {
            0 => value.ToString("G17", CultureInfo.InvariantCulture),
            1 => Nudge(value.ToString("R", CultureInfo.InvariantCulture), random.Next(2) == 0 ? 1 : -1),
            2 => Candidate(random),
            _ => value.ToString("R", CultureInfo.InvariantCulture),
        };
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
        {
            return true.ToProperty();
        }

        var proven = LedgerNumberProof.IsShortestRoundTrip(Encoding.ASCII.GetBytes(text), parsed);
        var provenUnparsed = LedgerNumberProof.IsShortestRoundTrip(Encoding.ASCII.GetBytes(text));
        var formatted = parsed.ToString("R", CultureInfo.InvariantCulture);
        return (!proven || formatted == text).Label($"{text} proven but written back as {formatted}")
            .And((!provenUnparsed || formatted == text).Label($"{text} proven without parsing but written back as {formatted}"));
    }

    /// <summary>Nearly every full-precision double in the fixed range is proven by its digits (the slow check is the exception).</summary>
    [Fact]
    public void IsShortestRoundTrip_FullPrecisionDoubles_NearlyAllProven()
    {
        var random = new Random(7);
        int candidates = 0, proven = 0, provenUnparsed = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var value = random.NextDouble() * Math.Pow(10, random.Next(-3, 15));
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            var significant = text.TrimStart('0', '.').Count(char.IsAsciiDigit);
            if (text.Contains('E', StringComparison.Ordinal) || significant < 16 || !text.Contains('.', StringComparison.Ordinal)
                || text.StartsWith("0.0000", StringComparison.Ordinal) || text.IndexOf('.', StringComparison.Ordinal) > 15)
            {
                continue;
            }

            candidates++;
            proven += LedgerNumberProof.IsShortestRoundTrip(Encoding.ASCII.GetBytes(text), value) ? 1 : 0;
            provenUnparsed += LedgerNumberProof.IsShortestRoundTrip(Encoding.ASCII.GetBytes(text)) ? 1 : 0;
        }

        Assert.True(candidates > 50_000, $"only {candidates} candidates");
        Assert.True(proven >= candidates * 0.99, $"{proven} of {candidates} proven");

        // Without parsing (N / 10^k in doubles as the candidate) most are proven too; the rest are parsed.
        Assert.True(provenUnparsed >= candidates * 0.8, $"{provenUnparsed} of {candidates} proven without parsing");
    }

    /// <summary>
    /// The line scanner's one-pass number check gives exactly the verdict of parse-and-format on any token: the
    /// canonical ones accepted, every other spelling rejected.
    /// </summary>
    [Property(MaxTest = 30_000)]
    public Property IsCanonicalNumberToken_AnyNumberText_SameVerdictAsParseAndFormat(int seed)
    {
        var random = new Random(seed);
        var text = NumberText(random);

        var fast = LedgerLineValidator.IsCanonicalNumberToken(Encoding.ASCII.GetBytes(text));
        var reference = IsCanonicalByParseAndFormat(text);
        return (fast == reference).Label($"{text}: scanner {fast}, parse and format {reference}");
    }

    /// <summary>The same on many seeded full-precision doubles of every magnitude the fixed notation covers, and around it.</summary>
    [Fact]
    public void IsCanonicalNumberToken_FullPrecisionDoubles_SameVerdictAsParseAndFormat()
    {
        var random = new Random(20261207);
        for (var i = 0; i < 200_000; i++)
        {
            var value = (random.Next(4) == 0 ? -1 : 1) * random.NextDouble() * Math.Pow(10, random.Next(-7, 19));
            var text = (i % 4) switch
            {
                0 => value.ToString("G17", CultureInfo.InvariantCulture),
                1 => Nudge(value.ToString("R", CultureInfo.InvariantCulture), random.Next(2) == 0 ? 1 : -1),
                _ => value.ToString("R", CultureInfo.InvariantCulture),
            };

            Assert.True(LedgerLineValidator.IsCanonicalNumberToken(Encoding.ASCII.GetBytes(text)) == IsCanonicalByParseAndFormat(text), text);
        }
    }

    /// <summary>The digit gatherer (eight at a time, then one by one) counts the digits and gives their value modulo 2^64.</summary>
    [Property(MaxTest = 5000)]
    public Property GatherDigits_AnyDigitRun_CountAndValueModulo2To64(int seed)
    {
        var random = new Random(seed);
        var digits = Digits(random, random.Next(0, 41));
        var before = new string('x', random.Next(0, 3));
        var after = random.Next(3) switch { 0 => "", 1 => ",", _ => ((char)random.Next(0, 128)).ToString() };
        var text = Encoding.Latin1.GetBytes(before + digits + after);
        var p = before.Length;
        ulong n = 7;

        p = LedgerLineValidator.GatherDigits(text, p, ref n);
        var count = p - before.Length;

        var run = digits + new string([.. after.TakeWhile(char.IsAsciiDigit)]);
        var expected = (ulong)((System.Numerics.BigInteger.Parse("7" + run, CultureInfo.InvariantCulture)) % System.Numerics.BigInteger.Pow(2, 64));
        return (count == run.Length && p == before.Length + run.Length && n == expected).Label($"{before}{digits}{after}: {count}, {n}");
    }

    /// <summary>With N / 10^k and its two neighbours as candidates, the proof without parsing settles nearly every full-precision double.</summary>
    [Fact]
    public void IsShortestRoundTrip_WithoutParsing_NearlyAllFullPrecisionDoublesProven()
    {
        var random = new Random(11);
        int candidates = 0, proven = 0;
        for (var i = 0; i < 100_000; i++)
        {
            var value = random.NextDouble() * Math.Pow(10, random.Next(-3, 15));
            var text = value.ToString("R", CultureInfo.InvariantCulture);
            if (text.Contains('E', StringComparison.Ordinal) || text.TrimStart('0', '.').Count(char.IsAsciiDigit) < 16
                || !text.Contains('.', StringComparison.Ordinal) || text.StartsWith("0.0000", StringComparison.Ordinal))
            {
                continue;
            }

            candidates++;
            proven += LedgerNumberProof.IsShortestRoundTrip(Encoding.ASCII.GetBytes(text)) ? 1 : 0;
        }

        Assert.True(candidates > 50_000, $"only {candidates} candidates");
        Assert.True(proven >= candidates * 0.99, $"{proven} of {candidates} proven");
    }

    /// <summary>What the canonical writer does with a number token: a 64-bit integer written back as such, else the shortest round-trip double.</summary>
    private static bool IsCanonicalByParseAndFormat(string text)
    {
        var reader = new System.Text.Json.Utf8JsonReader(Encoding.ASCII.GetBytes(text));
        try
        {
            if (!reader.Read() || reader.TokenType != System.Text.Json.JsonTokenType.Number || reader.BytesConsumed != text.Length)
            {
                return false;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }

        if (text.IndexOfAny(['.', 'e', 'E']) < 0 && reader.TryGetInt64(out var integer))
        {
            return integer.ToString(CultureInfo.InvariantCulture) == text;
        }

        return reader.TryGetDouble(out var value) && double.IsFinite(value) && value.ToString("R", CultureInfo.InvariantCulture) == text;
    }

    /// <summary>Number texts of every kind: canonical and not, in and out of the grammar, every length and magnitude.</summary>
    private static string NumberText(Random random)
    {
        var value = (random.Next(4) == 0 ? -1 : 1) * random.NextDouble() * Math.Pow(10, random.Next(-8, 22));
        return random.Next(12) switch
        {
            0 => Candidate(random),
            1 => value.ToString("G17", CultureInfo.InvariantCulture),
            2 => value.ToString("G15", CultureInfo.InvariantCulture),
            3 => Nudge(value.ToString("R", CultureInfo.InvariantCulture), random.Next(2) == 0 ? 1 : -1),
            4 => value.ToString("R", CultureInfo.InvariantCulture) + (random.Next(2) == 0 ? "0" : "1"),
            5 => value.ToString("E" + random.Next(1, 18).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            6 => value.ToString("F" + random.Next(0, 22).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
            7 => Prefix(random.NextInt64(long.MinValue, long.MaxValue).ToString(CultureInfo.InvariantCulture), random.Next(1, 21)),
            8 => SpecialNumbers[random.Next(SpecialNumbers.Length)],
            9 => Candidate(random) + "0",
            _ => value.ToString("R", CultureInfo.InvariantCulture),
        };
    }

    private static string Prefix(string text, int length) => text[..Math.Min(length, text.Length)];

    private static string Nudge(string text, int by)
    {
        var last = text[^1] - '0' + by;
        return last is < 0 or > 9 ? text : text[..^1] + (char)('0' + last);
    }

    private static string Candidate(Random random)
    {
        var sign = random.Next(4) == 0 ? "-" : "";
        var whole = random.Next(3) == 0 ? "0" : random.Next(1, 10).ToString(CultureInfo.InvariantCulture) + Digits(random, random.Next(0, 17));
        if (random.Next(4) == 0)
        {
            return sign + whole;
        }

        var fraction = new string('0', random.Next(0, 6)) + Digits(random, random.Next(0, 17)) + (random.Next(5) == 0 ? "0" : random.Next(1, 10).ToString(CultureInfo.InvariantCulture));
        return sign + whole + "." + fraction;
    }

    private static string Digits(Random random, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(_ => (char)('0' + random.Next(10))));
}

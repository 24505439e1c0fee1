using System.Text;
using System.Text.Json;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Ledger;

public sealed class CanonicalDataWriterTests
{
    /// <summary>
    /// Random nested objects (numbers of every kind, including -0, subnormals, integers past 2^53 and
    /// NaN, strings with quotes, control characters and non-ASCII text, booleans, nulls), written with
    /// the writer: the bytes are a fixed point of the store's canonicalisation, i.e. exactly what
    /// <see cref="LedgerCanonical.CanonicalData(JsonElement)"/> makes of the same object.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void ToData_RandomObjects_EqualTheStoresCanonicalForm(int seed)
    {
        var random = new Random(seed);
        var writer = new CanonicalDataWriter();
        for (var i = 0; i < 400; i++)
        {
            writer.Reset();
            WriteMembers(writer, random, depth: 0);
            var data = writer.ToData();

            var canonical = LedgerCanonical.CanonicalData(data.Element);

            Assert.Equal(Encoding.UTF8.GetString(canonical), data.ToString());
        }
    }

    [Fact]
    public void Number_NotFinite_WritesNullNeverZero()
    {
        var writer = new CanonicalDataWriter();
        writer.Reset();
        writer.Number("a", double.NaN);
        writer.Number("b", double.PositiveInfinity);
        writer.Number("c", null);
        writer.Number("d", -0.0);
        writer.Number("e", 0.1);

        Assert.Equal("""{"a":null,"b":null,"c":null,"d":0,"e":0.1}""", writer.ToData().ToString());
    }

    /// <summary>
    /// Whole numbers take the integer writer below 10^15: the text is still the double's shortest round
    /// trip ("R"), on both sides of the bound where "R" starts writing an exponent, for negatives, for
    /// the largest doubles below the bound, and for random whole numbers of every magnitude.
    /// </summary>
    [Fact]
    public void Number_WholeNumbers_TheDoublesShortestRoundTrip()
    {
        var random = new Random(7);
        double[] edges = [1, -1, 2, 1000, 999_999_999_999_999, 1e15, -1e15, 1e15 + 2, Math.BitDecrement(1e15), -Math.BitDecrement(1e15),
            Math.Floor(Math.BitDecrement(1e15)), 9_007_199_254_740_993, 1e16, 1e300, -123_456_789_012_345];
        var values = edges.Concat(Enumerable.Range(0, 2000).Select(_ => Math.Floor(Math.Pow(10, random.NextDouble() * 18) * (random.Next(2) == 0 ? 1 : -1))));
        var writer = new CanonicalDataWriter();
        foreach (var v in values)
        {
            writer.Reset();
            writer.Number("n", v);

            var expected = v == 0 ? "0" : v.ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal($$"""{"n":{{expected}}}""", writer.ToData().ToString());
        }
    }

    [Theory]
    [InlineData("b", "a")]
    [InlineData("a", "a")]
    [InlineData("a_b", "a")]
    [InlineData("Z", "A")]
    public void Key_NotAfterThePreviousKey_Throws(string first, string second)
    {
        var writer = new CanonicalDataWriter();
        writer.Reset();
        writer.Integer(first, 1);

        var error = Assert.Throws<InvalidOperationException>(() => writer.Integer(second, 2));

        Assert.Contains("ordinal order", error.Message);
    }

    [Fact]
    public void Key_InANewObject_StartsItsOwnOrder()
    {
        var writer = new CanonicalDataWriter();
        writer.Reset();
        writer.StartObject("m");
        writer.Integer("z", 1);
        writer.EndObject();
        writer.StartObject("n");
        writer.Integer("a", 2);
        writer.EndObject();

        Assert.Equal("""{"m":{"z":1},"n":{"a":2}}""", writer.ToData().ToString());
    }

    [Fact]
    public void ToData_WithAnObjectOpen_Throws()
    {
        var writer = new CanonicalDataWriter();
        writer.Reset();
        writer.StartObject("m");

        Assert.Throws<InvalidOperationException>(writer.ToData);
    }

    [Fact]
    public void String_UnpairedSurrogate_ThrowsArgumentException()
    {
        var writer = new CanonicalDataWriter();
        writer.Reset();

        Assert.Throws<ArgumentException>(() => writer.String("s", "a\ud800b"));
    }

    /// <summary>
    /// A draft made from canonical bytes seals to the same line and hash as the same data given as an
    /// element, and its entry keeps the bytes without parsing them until its data is read.
    /// </summary>
    [Fact]
    public void Seal_CanonicalDraft_SameEntryAsTheElementDraft()
    {
        var writer = new CanonicalDataWriter();
        writer.Reset();
        writer.Number("p95_ms", 123.45678901234567);
        writer.String("status", "ok \"quoted\"\n");
        var data = writer.ToData();
        var fromBytes = new LedgerDraft("observation", "prod", "checkout", "lumen", data);
        var fromElement = new LedgerDraft("observation", "prod", "checkout", "lumen", LedgerData.Parse(data.ToString()));
        var ts = new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

        var a = LedgerCanonical.Seal(fromBytes, 7, ts, LedgerHash.Genesis);
        var b = LedgerCanonical.Seal(fromElement, 7, ts, LedgerHash.Genesis);

        Assert.Same(data, a.Canonical);
        Assert.Null(b.Canonical);
        Assert.Equal(b.Hash, a.Hash);
        Assert.Equal(LedgerCanonical.Serialize(b), LedgerCanonical.Serialize(a));
        Assert.Equal(b.Hash, LedgerCanonical.ComputeHash(a));
        Assert.Equal(123.45678901234567, a.Data.GetProperty("p95_ms").GetDouble());
    }

    [Fact]
    public void With_NewData_DropsTheCanonicalBytes()
    {
        var writer = new CanonicalDataWriter();
        writer.Reset();
        writer.Integer("a", 1);
        var draft = new LedgerDraft("observation", null, "checkout", "lumen", writer.ToData());

        var changed = draft with { Data = LedgerData.Parse("""{"b":2}""") };

        Assert.Null(changed.Canonical);
        Assert.Equal(2, changed.Data.GetProperty("b").GetInt32());
        Assert.Equal(1, draft.Data.GetProperty("a").GetInt32());
    }

    private static void WriteMembers(CanonicalDataWriter writer, Random random, int depth)
    {
        var keys = Enumerable.Range(0, random.Next(0, 7)).Select(_ => Key(random)).Distinct().Order(StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            switch (random.Next(depth < 2 ? 7 : 6))
            {
                case 0:
                    writer.Number(key, Number(random));
                    break;
                case 1:
                    writer.Integer(key, random.Next(4) == 0 ? random.NextInt64(long.MinValue, long.MaxValue) : random.Next(-1000, 1000));
                    break;
                case 2:
                    writer.String(key, Text(random));
                    break;
                case 3:
                    writer.Boolean(key, random.Next(2) == 0);
                    break;
                case 4:
                    writer.Null(key);
                    break;
                case 5:
                    writer.Number(key, random.NextDouble() * 1000);
                    break;
                default:
                    writer.StartObject(key);
                    WriteMembers(writer, random, depth + 1);
                    writer.EndObject();
                    break;
            }
        }
    }

    private static double? Number(Random random) => random.Next(12) switch
    {
        0 => -0.0,
        1 => double.NaN,
        2 => double.Epsilon * random.Next(1, 1000),
        3 => Math.Round(random.NextDouble() * 1e17),
        4 => random.NextDouble() * 1e-5,
        5 => -random.NextDouble() * 1e300,
        6 => null,
        7 => random.Next(-100, 100),
        8 => Math.Round(random.NextDouble() * 100, 3),
        9 => BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FEF_FFFF_FFFF_FFFF)),
        10 => 1e16 * random.Next(1, 10),
        _ => random.NextDouble(),
    };

    private static string Key(Random random)
    {
        const string alphabet = "abAB_z9é\u00ff";
        return new string(Enumerable.Range(0, random.Next(1, 5)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    private static string Text(Random random)
    {
        const string alphabet = "ab \"\\\n\t\u0001\u001fé→😀<>+&'";
        var builder = new StringBuilder();
        for (var i = 0; i < random.Next(0, 12); i++)
        {
            var c = alphabet[random.Next(alphabet.Length)];
            if (char.IsHighSurrogate(c))
            {
                builder.Append("😀");
                continue;
            }

            if (!char.IsLowSurrogate(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}

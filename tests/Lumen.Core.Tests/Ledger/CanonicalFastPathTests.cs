using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Ledger;

/// <summary>
/// The writer copies raw text it can prove canonical (plain ASCII keys, strings without escapes,
/// canonical numbers) instead of decoding and re-encoding it; these tests hold it to the reference
/// path (decode every key and string, parse and format every number) byte for byte.
/// </summary>
public sealed class CanonicalFastPathTests
{
    private static readonly string[] Keys =
    [
        "a", "b", "z", "Z", "seq", "knob_name", "a_b", "ab", "a0", "_", "A", "aa", "~",
        "\\u0061", "\\u00e9", "é", "\\ud83d\\ude00", "😀", "\uE000", "\\uE000", "a\\\"b", "a\\\\b", "\\n", "\\/",
    ];

    private static readonly string[] Numbers =
    [
        "0", "-0", "1", "-1", "42", "123456789012345678", "1234567890123456789", "-9223372036854775808",
        "9223372036854775808", "12345678901234567890", "0.1", "-0.1", "0.0", "-0.0", "1.0", "1.5", "2.50",
        "0.30000000000000004", "412.5", "0.0031", "0.00031", "0.000031", "1834.2", "123456789012345.6",
        "12345678901234.5", "3.141592653589793", "2.718281828459045", "1e3", "1E21", "1e-7", "-1.5e-300",
        "1.7976931348623157e308", "5e-324", "100000000000000000000", "0.1e1", "1234567.0000001",
    ];

    private static readonly string[] Strings =
    [
        "", "plain", "with space", "é", "日本", "😀", "\\u00e9", "\\n", "a\\\"b", "a\\\\b", "\\/", "\\u0001",
        "\\u001f", "\u007f", "2025-11-25T19:00:00.000Z", "rule:latency_high", "\\u002B00:00", "<&>", "\\ud83d\\ude00",
    ];

    [Fact]
    public void WriteValue_RandomDocuments_FastPathWritesTheReferenceBytes()
    {
        var random = new Random(20261207);
        var fast = new ArrayBufferWriter<byte>();
        var reference = new ArrayBufferWriter<byte>();
        var copied = 0;
        for (var i = 0; i < 3000; i++)
        {
            var text = RandomObject(random, depth: 0);
            using var document = JsonDocument.Parse(text);
            fast.ResetWrittenCount();
            reference.ResetWrittenCount();
            var fastError = Capture(() => CanonicalJson.WriteValue(fast, document.RootElement));
            var referenceError = Capture(() => CanonicalJson.WriteValue(reference, document.RootElement, reference: true));

            Assert.Equal(referenceError, fastError);
            if (referenceError is null)
            {
                Assert.Equal(Encoding.UTF8.GetString(reference.WrittenSpan), Encoding.UTF8.GetString(fast.WrittenSpan));
                copied++;
            }
        }

        Assert.True(copied > 1000, $"only {copied} documents had a canonical form");
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""")]
    [InlineData("""{"a":1,"\u0061":2}""")]
    [InlineData("""{"x":{"k":"\ud800"}}""")]
    public void WriteValue_NoCanonicalForm_BothPathsRefuse(string text)
    {
        using var document = JsonDocument.Parse(text);

        Assert.Throws<FormatException>(() => CanonicalJson.WriteValue(new ArrayBufferWriter<byte>(), document.RootElement));
        Assert.Throws<FormatException>(() =>
            CanonicalJson.WriteValue(new ArrayBufferWriter<byte>(), document.RootElement, reference: true));
    }

    [Fact]
    public void WriteLine_ManyEntries_SameBytesAndHashesAsLedgerCanonical()
    {
        var random = new Random(7);
        using var lines = new LedgerLineWriter();
        var (prev, ts) = (LedgerHash.Genesis, new DateTimeOffset(2025, 11, 25, 18, 21, 7, 42, TimeSpan.Zero));
        for (var seq = 1; seq <= 500; seq++)
        {
            ts = ts.AddTicks(random.Next(0, 3) * 5_000L); // half a millisecond steps: repeated and changed times
            var draft = new LedgerDraft(seq % 7 == 0 ? "odd \"kind\"\n" : LedgerKinds.Observation, seq % 3 == 0 ? null : "dev",
                seq % 5 == 0 ? null : "checkout-é", "loop", LedgerData.Parse(RandomCanonicalObject(random)));
            var data = LedgerCanonical.CanonicalData(draft.Data);
            var expected = new ArrayBufferWriter<byte>();
            var actual = new ArrayBufferWriter<byte>();

            var expectedHash = LedgerCanonical.WriteLine(expected, draft, data, seq, ts, prev);
            var actualHash = lines.WriteLine(actual, draft, data, seq, ts, prev);

            Assert.Equal(expectedHash, actualHash);
            Assert.Equal(Encoding.UTF8.GetString(expected.WrittenSpan), Encoding.UTF8.GetString(actual.WrittenSpan));
            prev = actualHash;
        }
    }

    [Fact]
    public void WriteLine_DraftWithoutCanonicalForm_ThrowsAndWritesNothing()
    {
        using var lines = new LedgerLineWriter();
        var output = new ArrayBufferWriter<byte>();
        var draft = new LedgerDraft("tick", "dev", "svc\ud800", "loop");

        Assert.Throws<ArgumentException>(() => lines.WriteLine(output, draft, "{}"u8, 1, DateTimeOffset.UnixEpoch, LedgerHash.Genesis));
        Assert.Equal(0, output.WrittenCount);
        lines.WriteLine(output, draft with { Service = "svc" }, "{}"u8, 1, DateTimeOffset.UnixEpoch, LedgerHash.Genesis);
        Assert.StartsWith("""{"seq":1,"ts":"1970-01-01T00:00:00.000Z","kind":"tick","stage":"dev","service":"svc",""",
            Encoding.UTF8.GetString(output.WrittenSpan), StringComparison.Ordinal);
    }

    private static string? Capture(Action write)
    {
        try
        {
            write();
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    private static string RandomCanonicalObject(Random random)
    {
        for (;;)
        {
            var text = RandomObject(random, depth: 1);
            using var document = JsonDocument.Parse(text);
            if (Capture(() => CanonicalJson.WriteValue(new ArrayBufferWriter<byte>(), document.RootElement)) is null)
            {
                return text;
            }
        }
    }

    private static string RandomObject(Random random, int depth)
    {
        var builder = new StringBuilder("{");
        var count = random.Next(0, depth == 0 ? 12 : 5);
        for (var i = 0; i < count; i++)
        {
            builder.Append(i > 0 ? "," : "").Append('"').Append(Keys[random.Next(Keys.Length)]).Append("\":")
                .Append(RandomValue(random, depth + 1));
        }

        return builder.Append('}').ToString();
    }

    private static string RandomValue(Random random, int depth)
    {
        switch (random.Next(depth < 4 ? 8 : 6))
        {
            case 0: return random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" };
            case 1:
            case 2: return Numbers[random.Next(Numbers.Length)];
            case 3:
                return (random.NextDouble() * Math.Pow(10, random.Next(-6, 12)) * (random.Next(2) == 0 ? -1 : 1))
                    .ToString(random.Next(2) == 0 ? "R" : "G17", CultureInfo.InvariantCulture);
            case 4:
            case 5: return "\"" + Strings[random.Next(Strings.Length)] + "\"";
            case 6: return RandomObject(random, depth);
            default:
                var items = Enumerable.Range(0, random.Next(0, 4)).Select(_ => RandomValue(random, depth + 1));
                return "[" + string.Join(",", items) + "]";
        }
    }
}

using System.Security.Cryptography;
using System.Text;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Ledger;

public sealed class LedgerCanonicalTests
{
    private const string GoldenUnhashed =
        """{"seq":1,"ts":"2025-01-02T03:04:05.678Z","kind":"adjustment.intent","stage":"dev","service":"checkout","actor":"loop","data":{"a":{"b":null,"y":[1,2.5,"é\n"]},"k":true,"z":1},"prev":"0000000000000000000000000000000000000000000000000000000000000000"}""";

    private static LedgerEntry Golden() => LedgerCanonical.Seal(
        new LedgerDraft("adjustment.intent", "dev", "checkout", "loop",
            LedgerData.Parse("""{ "z": 1, "a": { "y": [1, 2.50, "\u00e9\n"], "b": null }, "k": true }""")),
        1, new DateTimeOffset(2025, 1, 2, 3, 4, 5, 678, TimeSpan.Zero).AddTicks(4321), LedgerHash.Genesis);

    [Fact]
    public void Serialize_GoldenEntry_MatchesTheDocumentedForm()
    {
        var entry = Golden();
        var expectedHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(GoldenUnhashed)));

        var line = LedgerFixture.Text(LedgerCanonical.Serialize(entry));

        Assert.Equal(GoldenUnhashed[..^1] + $",\"hash\":\"{expectedHash}\"}}", line);
        Assert.Equal(expectedHash, entry.Hash);
    }

    [Fact]
    public void Seal_GoldenEntry_HasThePinnedHash()
    {
        // Pinned so any change of the canonical form is a deliberate, documented format change.
        Assert.Equal("899f34eec3cdb327c4551d5822f386e53fb9209c5fa6359654cfc63f6bff31fe", Golden().Hash);
    }

    [Theory]
    [InlineData("""{"n":1.0}""", """{"n":1}""")]
    [InlineData("""{"n":1e3}""", """{"n":1000}""")]
    [InlineData("""{"n":-0}""", """{"n":0}""")]
    [InlineData("""{"n":0.1}""", """{"n":0.1}""")]
    [InlineData("""{"n":1E21}""", """{"n":1E+21}""")]
    [InlineData("""{"n":12345678901234567890}""", """{"n":1.2345678901234567E+19}""")]
    [InlineData("""{"n":-9223372036854775808}""", """{"n":-9223372036854775808}""")]
    [InlineData("""{"s":"a\"b\\c/<>\u0001\u001f\u007f"}""", "{\"s\":\"a\\\"b\\\\c/<>\\u0001\\u001f\u007f\"}")]
    [InlineData("""{"b":{"d":1,"c":2},"a":[{"y":1,"x":2}]}""", """{"a":[{"x":2,"y":1}],"b":{"c":2,"d":1}}""")]
    [InlineData("""{"é":1,"z":2,"Z":3}""", """{"Z":3,"z":2,"é":1}""")]
    public void CanonicalData_Input_IsWrittenCanonically(string input, string expected)
    {
        var canonical = LedgerFixture.Text(LedgerCanonical.CanonicalData(LedgerData.Parse(input)));

        Assert.Equal(expected, canonical);
        Assert.Equal(expected, LedgerFixture.Text(LedgerCanonical.CanonicalData(LedgerData.Parse(canonical))));
    }

    [Fact]
    public void CanonicalData_DuplicateKeys_Throws()
    {
        var data = LedgerData.Parse("""{"a":1,"a":2}""");

        Assert.Throws<ArgumentException>(() => LedgerCanonical.CanonicalData(data));
    }

    [Fact]
    public void CanonicalData_UnpairedSurrogate_Throws()
    {
        var data = LedgerData.Parse("""{"a":"\ud800"}""");

        Assert.Throws<ArgumentException>(() => LedgerCanonical.CanonicalData(data));
    }

    [Fact]
    public void Seal_NotAnObject_Throws()
    {
        var draft = new LedgerDraft("tick", null, null, "loop", LedgerData.Empty) with
        {
            Data = System.Text.Json.JsonDocument.Parse("[1]").RootElement,
        };

        Assert.Throws<ArgumentException>(() => LedgerCanonical.Seal(draft, 1, LedgerFixture.Start, LedgerHash.Genesis));
    }

    [Fact]
    public void Parse_SerializedEntries_RoundTripsByteForByte()
    {
        foreach (var entry in LedgerFixture.Entries(50))
        {
            var line = LedgerCanonical.Serialize(entry);

            Assert.True(LedgerEntryParser.TryParse(line, out var parsed, out var error), error);
            Assert.Equal(line, LedgerCanonical.Serialize(parsed!));
            Assert.Equal(entry.Hash, LedgerCanonical.ComputeHash(parsed!));
            Assert.Equal((entry.Seq, entry.Ts, entry.Kind, entry.Stage, entry.Service, entry.Actor, entry.Prev),
                (parsed!.Seq, parsed.Ts, parsed.Kind, parsed.Stage, parsed.Service, parsed.Actor, parsed.Prev));
        }
    }

    [Fact]
    public void From_AnonymousObject_UsesSnakeCaseKeys()
    {
        var data = LedgerData.From(new { ExpiresAt = "x", KnobName = 3 });

        Assert.Equal("""{"expires_at":"x","knob_name":3}""", LedgerFixture.Text(LedgerCanonical.CanonicalData(data)));
    }

    [Fact]
    public void Normalize_SubMillisecondLocalTime_IsUtcMilliseconds()
    {
        var local = new DateTimeOffset(2025, 1, 2, 5, 4, 5, 678, TimeSpan.FromHours(2)).AddTicks(9999);

        Assert.Equal("2025-01-02T03:04:05.678Z", LedgerTime.ToText(local));
    }
}

public sealed class LedgerNegativeZeroTests
{
    [Theory]
    [InlineData("-0.0")]
    [InlineData("-0")]
    [InlineData("0.0")]
    [InlineData("-0e3")]
    public void Seal_ZeroInAnyForm_IsWrittenAsZeroAndVerifies(string literal)
    {
        var data = LedgerData.Parse($$"""{"delta":{{literal}}}""");
        var entry = LedgerCanonical.Seal(new LedgerDraft(LedgerKinds.Tick, "dev", null, "loop", data), 1, LedgerFixture.Start, LedgerHash.Genesis);
        var line = LedgerCanonical.Serialize(entry);

        Assert.Contains("\"delta\":0}", LedgerFixture.Text(line), StringComparison.Ordinal);
        Assert.Null(LedgerFixture.Verify(LedgerFixture.File([line])));
    }
}

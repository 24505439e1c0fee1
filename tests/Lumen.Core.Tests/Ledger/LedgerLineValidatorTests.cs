using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Ledger;

/// <summary>
/// The verifier's fast path must never accept what the slow path (parse, re-serialise, compare)
/// rejects; these tests hold it to that, and check it really does take the common lines.
/// </summary>
public sealed class LedgerLineValidatorTests
{
    private static readonly string[] UnusualData =
    [
        """{}""",
        """{"a":{"b":{"c":[[],{},[{"d":null}]]}},"b":[1,-1,0,9223372036854775807,-9223372036854775808]}""",
        """{"ctl":"\u0000\u0001\u001f\b\f\n\r\t\"\\/","uni":"é€😀","x":0.1,"y":-2.5E-07,"z":1E+300}""",
        """{"A":1,"B":2,"_":3,"a":4,"é":5,"€":6}""",
        """{"n":123456789012345678901234567890,"m":1.0}""",
    ];

    private static readonly List<byte[]> Lines = [.. LedgerFixture.Lines(LedgerFixture.Entries(6)), .. UnusualData.Select(d => Line(d))];

    private static byte[] Line(string data, int seq = 1) => LedgerCanonical.Serialize(LedgerCanonical.Seal(
        new LedgerDraft(LedgerKinds.AdjustmentIntent, "dev", null, "loop", LedgerData.Parse(data)),
        seq, LedgerFixture.Start, LedgerHash.Genesis));

    private static bool ReferenceAccepts(byte[] line)
    {
        using var verifier = new LedgerChainVerifier();

        // Only the form matters here, so a failure on the hash or the chain still counts as accepted.
        return verifier.TryAcceptReference(line, terminated: true, out _)
            || verifier.Failure!.Kind is LedgerFaultKind.BadHash or LedgerFaultKind.SeqGap or LedgerFaultKind.BrokenPrev;
    }

    [Fact]
    public void TryValidate_CanonicalLines_AreProven()
    {
        foreach (var line in Lines)
        {
            Assert.True(LedgerLineValidator.TryValidate(line, out var seq, out var prev, out var hash), LedgerFixture.Text(line));
            Assert.True(seq >= 1);
            Assert.Equal(line.Length - 66, hash);
            Assert.Equal(hash - 74, prev);
        }
    }

    [Theory]
    [InlineData("""{"seq":1,""", """{"seq":1 ,""")]
    [InlineData("""{"seq":1,""", """{"seq":01,""")]
    [InlineData("""{"seq":1,""", """{"seq":1.0,""")]
    [InlineData("""{"seq":1,""", """{"seq":1e0,""")]
    [InlineData("""{"seq":1,""", """{"seq":1,"seq":1,""")]
    [InlineData("""{"seq":1,""", """ {"seq":1,""")]
    [InlineData("""\t""", """\u0009""")]
    [InlineData("""\u001f""", """\u001F""")]
    [InlineData("""\\/""", """\\\/""")]
    [InlineData("""é""", """\u00e9""")]
    [InlineData("""{"A":1""", """{"\u0041":1""")]
    [InlineData("""x":0.1,""", """x":0.10,""")]
    [InlineData("""x":0.1,""", """x":1E-1,""")]
    [InlineData("""-2.5E-07""", """-2.5e-07""")]
    [InlineData("""1E+300""", """1E300""")]
    [InlineData("""[1,-1,0,""", """[1,-0,0,""")]
    [InlineData("""{"A":1,"B":2""", """{"B":1,"A":2""")]
    [InlineData("""{"A":1,"B":2""", """{"A":1,"A":2""")]
    [InlineData(""".000Z""", """Z""")]
    [InlineData(""".000Z""", """.000+00:00""")]
    [InlineData("""actor":"loop",""", """actor":"",""")]
    [InlineData("""stage":"dev",""", """stage":"",""")]
    public void TryValidate_NonCanonicalVariant_IsRejectedAndReferenceAgrees(string from, string to)
    {
        var original = Lines.Select(LedgerFixture.Text).First(l => l.Contains(from, StringComparison.Ordinal));
        var changed = Encoding.UTF8.GetBytes(ReplaceFirst(original, from, to));

        Assert.False(LedgerLineValidator.TryValidate(changed, out _, out _, out _), LedgerFixture.Text(changed));
        Assert.False(ReferenceAccepts(changed), LedgerFixture.Text(changed));
    }

    [Fact]
    public void TryValidate_AnyHexDigitOfPrevOrHashOutOfRange_IsRejected()
    {
        var line = Lines[0];
        Assert.True(LedgerLineValidator.TryValidate(line, out _, out var prev, out var hash));
        foreach (var at in Enumerable.Range(prev, 64).Concat(Enumerable.Range(hash, 64)))
        {
            // The bytes either side of 0-9 and a-f, and the uppercase letters.
            foreach (var b in "/:`gAF"u8.ToArray())
            {
                var changed = (byte[])line.Clone();
                changed[at] = b;
                Assert.False(LedgerLineValidator.TryValidate(changed, out _, out _, out _), $"{(char)b} at {at}");
            }
        }
    }

    [Fact]
    public void TryAccept_CanonicalFormsTheFastPathSkips_StillAccepted()
    {
        // Escaped and astral-plane keys are canonical but left to the slow path.
        foreach (var data in (string[])["""{"\n":1,"a":2}""", """{"😀":1,"":2}"""])
        {
            var line = Line(data);
            using var verifier = new LedgerChainVerifier();

            Assert.False(LedgerLineValidator.TryValidate(line, out _, out _, out _));
            Assert.True(verifier.TryAccept(line, terminated: true), verifier.Failure?.ToString());
        }
    }

    [Property(MaxTest = 5000)]
    public Property TryValidate_MutatedLine_ProvenOnlyWhenTheReferenceAccepts(NonNegativeInt which, NonNegativeInt position,
        byte value, byte operation)
    {
        var line = Lines[which.Get % Lines.Count];
        var at = position.Get % line.Length;
        var mutated = (operation % 3) switch
        {
            0 => [.. line[..at], (byte)(line[at] ^ (value == 0 ? 1 : value)), .. line[(at + 1)..]],
            1 => [.. line[..at], value, .. line[at..]],
            _ => line.Where((_, i) => i != at).ToArray(),
        };

        var proven = LedgerLineValidator.TryValidate(mutated, out _, out _, out _);

        return (!proven || ReferenceAccepts(mutated)).Label($"proven but not canonical: {LedgerFixture.Text(mutated)}");
    }

    /// <summary>Proving the first line of a block finds the same line and the same verdict as cutting at the first newline.</summary>
    [Property(MaxTest = 5000)]
    public Property TryValidateFirstLine_MutatedBlock_SameAsCutAtTheFirstNewline(NonNegativeInt which, NonNegativeInt position,
        byte value, byte operation)
    {
        var first = Lines[which.Get % Lines.Count];
        var block = (byte[])[.. first, (byte)'\n', .. Lines[(which.Get + 1) % Lines.Count], (byte)'\n'];
        var at = position.Get % block.Length;
        var mutated = (operation % 4) switch
        {
            0 => block,
            1 => [.. block[..at], (byte)(block[at] ^ (value == 0 ? 1 : value)), .. block[(at + 1)..]],
            2 => [.. block[..at], operation % 8 == 2 ? (byte)'\n' : value, .. block[at..]],
            _ => block.Where((_, i) => i != at).ToArray(),
        };

        var proven = LedgerLineValidator.TryValidateFirstLine(mutated, out var seq, out var prev, out var hash, out var length);
        var cut = Array.IndexOf(mutated, (byte)'\n');
        var expected = cut >= 0 && LedgerLineValidator.TryValidate(mutated.AsSpan(0, cut), out var seq2, out var prev2, out var hash2)
            && (seq, prev, hash) == (seq2, prev2, hash2);

        return (proven == expected && (!proven || length == cut) && (operation % 4 != 0 || proven))
            .Label($"first line proven {proven} (length {length}), cut at {cut}: {expected}");
    }

    [Property(MaxTest = 400)]
    public Property TryValidate_RandomDemoLikeData_ProvenAndEveryOtherSpellingOfANumberRejected(int seed, NonNegativeInt pick,
        byte form)
    {
        var random = new Random(seed);
        var numbers = new List<string>();
        var data = RandomObject(random, numbers, depth: 0);
        var line = Line(data);
        var text = LedgerFixture.Text(line);

        // The canonical line is proven (its keys are plain), and both paths accept it.
        if (!LedgerLineValidator.TryValidate(line, out _, out _, out _) || !ReferenceAccepts(line))
        {
            return false.Label($"canonical line not proven: {text}");
        }

        if (numbers.Count == 0)
        {
            return true.ToProperty();
        }

        // Another spelling of one of its numbers (same value or not): the fast path proves it only if the
        // slow path accepts it, and both agree.
        var key = $"\"n{pick.Get % numbers.Count}\":";
        var at = text.IndexOf(key, StringComparison.Ordinal) + key.Length;
        var end = text.IndexOfAny([',', '}', ']'], at);
        var original = text[at..end];
        var respelled = Respell(original, form);
        var variant = Encoding.UTF8.GetBytes(text[..at] + respelled + text[end..]);

        var proven = LedgerLineValidator.TryValidate(variant, out _, out _, out _);
        var accepted = ReferenceAccepts(variant);
        return (proven == accepted && (respelled != original || proven))
            .Label($"{original} -> {respelled}: fast {proven}, reference {accepted}");
    }

    /// <summary>Another way to write a JSON number, sometimes the same text, mostly not canonical.</summary>
    private static string Respell(string number, byte form)
    {
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return (form % 9) switch
        {
            0 => number,
            1 => number + (number.Contains('.', StringComparison.Ordinal) ? "0" : ".0"),
            2 => value.ToString("G17", CultureInfo.InvariantCulture),
            3 => value.ToString("E16", CultureInfo.InvariantCulture),
            4 => value.ToString("F20", CultureInfo.InvariantCulture),
            5 => number.StartsWith('-') ? number[1..] : "-" + number,
            6 => number.Length > 1 ? number[..^1] + (char)('0' + ((number[^1] - '0' + 1) % 10)) : "1",
            7 => (value * 10).ToString("R", CultureInfo.InvariantCulture) + "e-1",
            _ => value.ToString("R", CultureInfo.InvariantCulture).ToUpperInvariant(),
        };
    }

    /// <summary>
    /// An object shaped like the demo's observations: nested objects and arrays, plain keys in any order, strings
    /// with control characters and non-ASCII text, and numbers of every kind (full-precision doubles mostly),
    /// each number under its own key "nI" so that it can be found again in the line.
    /// </summary>
    private static string RandomObject(Random random, List<string> numbers, int depth)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var members = new List<string>();
        for (var i = random.Next(depth == 0 ? 1 : 0, 6); i > 0; i--)
        {
            if (random.Next(3) == 0)
            {
                members.Add($"\"n{numbers.Count}\":{RandomNumber(random, numbers)}");
                continue;
            }

            var key = RandomKey(random);
            if (keys.Add(key))
            {
                members.Add($"{System.Text.Json.JsonSerializer.Serialize(key)}:{RandomValue(random, numbers, depth + 1)}");
            }
        }

        return "{" + string.Join(',', members) + "}";
    }

    private static string RandomValue(Random random, List<string> numbers, int depth) => random.Next(depth > 3 ? 4 : 6) switch
    {
        0 => System.Text.Json.JsonSerializer.Serialize(RandomText(random)),
        1 => random.Next(3) switch { 0 => "true", 1 => "false", _ => "null" },
        2 or 3 => "\"" + RandomKey(random) + "\"",
        4 => RandomObject(random, numbers, depth),
        _ => "[" + string.Join(',', Enumerable.Range(0, random.Next(4)).Select(_ => RandomValue(random, numbers, depth + 1))) + "]",
    };

    private static string RandomNumber(Random random, List<string> numbers)
    {
        var text = random.Next(6) switch
        {
            0 => random.NextInt64(-1_000_000_000_000, 1_000_000_000_000).ToString(CultureInfo.InvariantCulture),
            1 => Math.Round(random.NextDouble() * 1000, random.Next(5)).ToString("R", CultureInfo.InvariantCulture),
            2 => (random.NextDouble() * 1e-6).ToString("R", CultureInfo.InvariantCulture),
            3 => (random.NextDouble() * 1e18).ToString("R", CultureInfo.InvariantCulture),
            _ => ((random.NextDouble() - 0.5) * Math.Pow(10, random.Next(-4, 6))).ToString("R", CultureInfo.InvariantCulture),
        };
        numbers.Add(text);
        return text;
    }

    /// <summary>Keys the fast path orders itself: no escapes, no astral-plane characters; never "n" then digits.</summary>
    private static string RandomKey(Random random)
    {
        const string alphabet = "abcdefghijklmopqrstuvwxyzABCXYZ_0189é€ßü";
        return new string([.. Enumerable.Range(0, random.Next(1, 8)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }

    private static string RandomText(Random random)
    {
        const string alphabet = "ab z09\\/\n\t\u0001\u001f\u007fé€😀\u2028";
        return new string([.. Enumerable.Range(0, random.Next(12)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
    }

    [Property(MaxTest = 3000)]
    public Property IsCanonicalTime_AgreesWithLedgerTime(ushort year, byte month, byte day, byte hour, byte minute,
        byte second, ushort millisecond, byte flip)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{year % 10000:D4}-{month % 14:D2}-{day % 33:D2}T{hour % 25:D2}:{minute % 61:D2}:{second % 61:D2}.{millisecond % 1000:D3}Z");
        if (flip < 48)
        {
            // Sometimes break one character, to cover separators and non-digits too.
            var chars = text.ToCharArray();
            chars[flip % 24] = (char)(chars[flip % 24] ^ (1 + (flip % 7)));
            text = new string(chars);
        }

        var expected = LedgerTime.TryParse(text, out var ts) && LedgerTime.ToText(ts) == text;

        return (LedgerLineValidator.IsCanonicalTime(Encoding.UTF8.GetBytes(text)) == expected).Label(text);
    }

    [Property(MaxTest = 1000)]
    public Property TryAccept_TamperedLedger_SameVerdictAsTheReferencePath(NonNegativeInt position, byte mask)
    {
        var valid = LedgerFixture.File(LedgerFixture.Lines(LedgerFixture.Entries(8)));
        var tampered = (byte[])valid.Clone();
        tampered[position.Get % tampered.Length] ^= mask == 0 ? (byte)1 : mask;

        var fast = Run(tampered, reference: false);
        var slow = Run(tampered, reference: true);

        return (fast == slow).Label($"fast {fast}, reference {slow}");
    }

    private static (long Lines, string LastHash, LedgerVerifyFailure? Failure) Run(byte[] file, bool reference)
    {
        using var verifier = new LedgerChainVerifier();
        var start = 0;
        while (start < file.Length)
        {
            var newline = Array.IndexOf(file, (byte)'\n', start);
            var terminated = newline >= 0;
            var end = terminated ? newline : file.Length;
            var line = file.AsMemory(start, end - start);
            if (!(reference ? verifier.TryAcceptReference(line, terminated, out _) : verifier.TryAccept(line, terminated)))
            {
                break;
            }

            start = end + 1;
        }

        return (verifier.Lines, verifier.LastHash, verifier.Failure ?? verifier.Complete());
    }

    private static string ReplaceFirst(string text, string from, string to)
    {
        var index = text.IndexOf(from, StringComparison.Ordinal);
        return text[..index] + to + text[(index + from.Length)..];
    }
}

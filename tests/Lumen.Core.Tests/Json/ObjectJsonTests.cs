using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lumen.Core.Json;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Json;

/// <summary>
/// <see cref="ObjectJson"/> must write exactly what System.Text.Json's reflection serializer writes
/// (the ledger's hashes and every file depend on it); these tests run under the JIT, where the
/// reflection serializer works, and compare the two byte for byte.
/// </summary>
public sealed class ObjectJsonTests
{
    private static readonly JsonSerializerOptions Snake = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, DictionaryKeyPolicy = null };

    public enum Colour
    {
        Red = 1,
        Blue = 7,
    }

    public record BaseShape(string Name);

    public sealed record DerivedShape(string Name, int Sides) : BaseShape(Name);

    public sealed record Holder(BaseShape Declared, object Loose, Colour Colour, Colour? Maybe, DateTimeOffset At, TimeSpan Span, double? Optional);

    public readonly record struct Point(double X, double Y);

    public interface INamed
    {
        string Name { get; }
    }

    public sealed record Named(string Name, int Extra) : INamed;

    public sealed record ListHolder(IReadOnlyList<INamed> Items, ImmutableArray<Point> Points, Point? Nullable, IEnumerable<object> Mixed);

    public static TheoryData<string> Cases() => [.. Shapes().Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public void WritesWhatTheReflectionSerializerWrites(string name)
    {
        var value = Shapes()[name];

        Assert.Equal(JsonSerializer.Serialize(value, Snake), ObjectJson.Serialize(value, ObjectJsonOptions.SnakeCase));
        Assert.Equal(JsonSerializer.Serialize(value), ObjectJson.Serialize(value));
    }

    [Fact]
    public void RandomNestedValues_AreWrittenAsTheSerializerWritesThem()
    {
        var random = new Random(20261207);
        for (var i = 0; i < 500; i++)
        {
            var value = RandomObject(random, 0);

            Assert.Equal(JsonSerializer.Serialize(value, Snake), ObjectJson.Serialize(value, ObjectJsonOptions.SnakeCase));
        }
    }

    [Fact]
    public void IndentationEscapingAndNamedLiterals_FollowTheOptions()
    {
        var value = new { ratio = double.NaN, top = double.PositiveInfinity, text = "<a & 'b'> é" };
        var serializer = new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        };
        var options = new ObjectJsonOptions(Writer: new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }, NamedFloatingPointLiterals: true);

        Assert.Equal(JsonSerializer.Serialize(value, serializer), ObjectJson.Serialize(value, options));
    }

    [Fact]
    public void NaN_WithoutNamedLiterals_IsRefused_AsTheSerializerRefusesIt()
    {
        var value = new { ratio = double.NaN };

        Assert.ThrowsAny<ArgumentException>(() => JsonSerializer.Serialize(value));
        Assert.ThrowsAny<ArgumentException>(() => ObjectJson.Serialize(value));
    }

    [Fact]
    public void LedgerData_From_EqualsTheSerializersElement()
    {
        var value = new { service = "checkout", delta = 0.1 + 0.2, knobs = new Dictionary<string, object?> { ["CACHE_SIZE_MB"] = 512, ["note"] = null }, at = DateTimeOffset.UnixEpoch };

        Assert.Equal(JsonSerializer.SerializeToElement(value, Snake).GetRawText(), LedgerData.From(value).GetRawText());
    }

    private static Dictionary<string, object> Shapes() => new(StringComparer.Ordinal)
    {
        ["anonymous"] = new { Service = "checkout", TrackName = "canary", RequestsPerSecond = 12.5, Count = 3L, Ok = true, Missing = (string?)null },
        ["numbers"] = new { a = 0.1, b = 1e-7, c = 1e21, d = -0.0, e = double.MaxValue, f = 1.5f, g = 12.340m, h = (byte)7, i = ulong.MaxValue, j = int.MinValue, k = (short)-3 },
        ["text"] = new { plain = "abc", html = "<script>&'\"", unicode = "héllo ✓ 😀", control = "a\tb\nc\u0001", c = 'x' },
        ["dictionary"] = new Dictionary<string, object?> { ["MixedKey"] = 1, ["nested"] = new Dictionary<string, object?> { ["x"] = new[] { 1, 2 } }, ["nothing"] = null },
        ["sorted"] = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("b", 2.5), KeyValuePair.Create("a", 1.0)]),
        ["int keys"] = new Dictionary<int, string> { [3] = "three", [-1] = "minus one" },
        ["polymorphic"] = new Holder(new DerivedShape("tri", 3), new DerivedShape("sq", 4), Colour.Blue, null, new DateTimeOffset(2026, 12, 7, 10, 30, 0, TimeSpan.FromHours(1)), TimeSpan.FromMilliseconds(90_061_001), 2.5),
        ["derived at root"] = new DerivedShape("pent", 5),
        ["lists"] = new ListHolder([new Named("n", 1)], [new Point(1, 2), new Point(0.5, -3)], new Point(9, 9), [1, "two", new Point(3, 4), null!]),
        ["selected"] = new { changes = Enumerable.Range(0, 3).Select(i => new { knob = $"k{i}", from = i, to = i * 1.5 }) },
        ["dates"] = new { utc = DateTimeOffset.FromUnixTimeMilliseconds(1_765_000_000_123), local = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e") },
        ["jsonelement"] = new { data = JsonDocument.Parse("{\"z\":[1,2.50,\"x\"],\"a\":null}").RootElement },
        ["empty"] = new { list = Array.Empty<int>(), dict = new Dictionary<string, int>() },
    };

    private static object? RandomObject(Random random, int depth)
    {
        var pick = random.Next(depth > 3 ? 6 : 9);
        return pick switch
        {
            0 => null,
            1 => random.NextDouble() * Math.Pow(10, random.Next(-12, 22)) * (random.Next(2) == 0 ? -1 : 1),
            2 => random.NextInt64(long.MinValue, long.MaxValue),
            3 => new string([.. Enumerable.Range(0, random.Next(12)).Select(_ => (char)random.Next(1, 0x2FF))]),
            4 => random.Next(2) == 0,
            5 => DateTimeOffset.FromUnixTimeMilliseconds(random.NextInt64(0, 4_000_000_000_000)).ToOffset(TimeSpan.FromMinutes(15 * random.Next(-48, 56))),
            6 => Enumerable.Range(0, random.Next(4)).Select(_ => RandomObject(random, depth + 1)).ToList(),
            7 => Enumerable.Range(0, random.Next(4)).ToDictionary(i => $"Key{i}_{random.Next(100)}", _ => RandomObject(random, depth + 1)),
            _ => new { FirstValue = RandomObject(random, depth + 1), second = random.Next(), ThirdItem = new[] { random.NextDouble() } },
        };
    }
}

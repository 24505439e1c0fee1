using System.Collections.Immutable;
using System.Text;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Ledger;

public sealed class CanonicalTreeTests
{
    /// <summary>
    /// Random trees of the shapes the loop's entries have (dictionaries of strings, booleans, ints,
    /// longs, doubles of every kind, nulls, double arrays, immutable arrays, lists of dictionaries,
    /// non-ASCII keys that take the other path): the bytes equal the store's canonical form of
    /// <see cref="LedgerData.From{T}"/> of the same tree, the path these entries took before.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void From_RandomTrees_EqualTheCanonicalFormOfLedgerDataFrom(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 500; i++)
        {
            var tree = Tree(random, depth: 0);

            var expected = LedgerCanonical.CanonicalData(LedgerData.From(tree));

            Assert.Equal(Encoding.UTF8.GetString(expected), CanonicalTree.From(tree).ToString());
        }
    }

    [Fact]
    public void From_NotFiniteNumber_ThrowsAsLedgerDataFromDoes()
    {
        var tree = new Dictionary<string, object?> { ["gap"] = double.NaN };

        Assert.Throws<ArgumentException>(() => LedgerData.From(tree));
        Assert.Throws<ArgumentException>(() => CanonicalTree.From(tree));
    }

    [Fact]
    public void From_NestedArraysAndObjects_WritesThemInOrderWithSortedKeys()
    {
        var tree = new Dictionary<string, object?>
        {
            ["z"] = new List<object?> { 1, "a", null, new Dictionary<string, object?> { ["b"] = true, ["a"] = 0.5 }, new[] { 1.5, -0.0 } },
            ["a"] = ImmutableArray.Create(3.0, 4.25),
        };

        Assert.Equal("""{"a":[3,4.25],"z":[1,"a",null,{"a":0.5,"b":true},[1.5,0]]}""", CanonicalTree.From(tree).ToString());
    }

    [Fact]
    public void Writer_ItemOutsideAnArray_OrNamedMemberInsideOne_Throws()
    {
        var writer = new CanonicalDataWriter();
        writer.Reset();
        Assert.Throws<InvalidOperationException>(() => writer.Number(1.0));
        writer.StartArray("a");
        Assert.Throws<InvalidOperationException>(() => writer.Number("b", 1.0));
        Assert.Throws<InvalidOperationException>(() => writer.EndObject());
        writer.EndArray();
        Assert.Equal("""{"a":[]}""", writer.ToData().ToString());
    }

    private static Dictionary<string, object?> Tree(Random random, int depth)
    {
        var tree = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = random.Next(0, 8); i > 0; i--)
        {
            tree[Key(random)] = Value(random, depth);
        }

        return tree;
    }

    private static object? Value(Random random, int depth) => random.Next(depth < 2 ? 12 : 8) switch
    {
        0 => null,
        1 => Text(random),
        2 => random.Next(2) == 0,
        3 => random.Next(-1000, 1000),
        4 => random.NextInt64(long.MinValue, long.MaxValue),
        5 => Number(random),
        6 => (object?)(random.Next(2) == 0 ? null : Number(random)), // a boxed double?
        7 => Enumerable.Range(0, random.Next(0, 4)).Select(_ => Number(random)).ToArray(),
        8 => ImmutableArray.CreateRange(Enumerable.Range(0, random.Next(0, 4)).Select(_ => Number(random))),
        9 => Enumerable.Range(0, random.Next(0, 3)).Select(_ => Tree(random, depth + 1)).ToList(),
        10 => Enumerable.Range(0, random.Next(0, 3)).Select(_ => Value(random, depth + 1)).ToList(),
        _ => Tree(random, depth + 1),
    };

    private static double Number(Random random) => random.Next(10) switch
    {
        0 => -0.0,
        1 => double.Epsilon * random.Next(1, 1000),
        2 => Math.Round(random.NextDouble() * 1e17),
        3 => random.NextDouble() * 1e-5,
        4 => -random.NextDouble() * 1e300,
        5 => random.Next(-100, 100),
        6 => Math.Round(random.NextDouble() * 100, 3),
        7 => BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FEF_FFFF_FFFF_FFFF)),
        8 => 1e16 * random.Next(1, 10),
        _ => random.NextDouble(),
    };

    private static string Key(Random random)
    {
        // Now and then a non-ASCII key, which sends its whole tree down the other path.
        var alphabet = random.Next(60) == 0 ? "abé" : "abAB_z9";
        return new string(Enumerable.Range(0, random.Next(1, 5)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }

    private static string Text(Random random)
    {
        const string alphabet = "ab \"\\\n\t\u0001é→<>&'";
        return new string(Enumerable.Range(0, random.Next(0, 10)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
    }
}

using System.Text.Json;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Adjustments;

/// <summary>
/// The book answers "what is open for this service / trial" from an index carried from book to
/// book; a scan of every open adjustment is the reference it must always equal.
/// </summary>
public sealed class OpenIndexTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly string[] Services = ["checkout", "search", "cart", "pay"];
    private static readonly string?[] Trials = [null, "trial-a", "trial-b", "trial-c"];

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void OpenOf_AfterEveryEntryOfARandomFold_EqualsAScanOfOpen(int seed)
    {
        var random = new Random(seed);
        var book = AdjustmentBook.Empty;
        long seq = 0, number = 0;
        for (var step = 0; step < 600; step++)
        {
            var entry = NextEntry(random, book, ref seq, ref number);
            book = book.Apply(entry);
            AssertIndexMatchesScan(book);
            if (step % 97 == 0)
            {
                // A book restored from a snapshot builds its index on its first question.
                AssertIndexMatchesScan(AdjustmentSnapshot.Of(book).ToBook());
            }
        }

        Assert.True(number > 100, "the fold opened adjustments");
    }

    [Fact]
    public void OpenOf_AnEarlierBook_KeepsItsOwnAnswer()
    {
        long seq = 0;
        var before = AdjustmentBook.Empty.Apply(Entry(ref seq, LedgerKinds.AdjustmentIntent, "checkout", Intent(1, "checkout", "trial-a").ToData()));
        var after = before.Apply(Entry(ref seq, LedgerKinds.AdjustmentIntent, "checkout", Intent(2, "checkout", "trial-a").ToData()));

        Assert.Equal(["adj-000001"], before.OpenOf("checkout").Select(a => a.Id));
        Assert.Equal(["adj-000001", "adj-000002"], after.OpenOf("checkout").Select(a => a.Id));
        Assert.Equal(2, after.OpenOfTrial("trial-a").Count());
        Assert.Equal(0, after.OpenCount("search"));
    }

    private static void AssertIndexMatchesScan(AdjustmentBook book)
    {
        foreach (var service in Services)
        {
            var scanned = book.Open.Values.Where(a => a.Service == service).Select(a => a.Id).ToList();
            Assert.Equal(scanned, book.OpenOf(service).Select(a => a.Id).ToList());
            Assert.Equal(scanned.Count, book.OpenCount(service));
        }

        foreach (var trial in Trials.OfType<string>())
        {
            Assert.Equal(
                book.Open.Values.Where(a => a.Intent.Trial == trial).Select(a => a.Id).ToList(),
                book.OpenOfTrial(trial).Select(a => a.Id).ToList());
        }
    }

    private static LedgerEntry NextEntry(Random random, AdjustmentBook book, ref long seq, ref long number)
    {
        var open = book.Open.Values.ToList();
        var roll = random.Next(10);
        if (open.Count == 0 || roll < 4)
        {
            number++;
            var service = Services[random.Next(Services.Length)];
            return Entry(ref seq, LedgerKinds.AdjustmentIntent, service, Intent(number, service, Trials[random.Next(Trials.Length)]).ToData());
        }

        var a = open[random.Next(open.Count)];
        return roll switch
        {
            4 or 5 => Outcome(ref seq, LedgerKinds.AdjustmentApplied, a, new Dictionary<string, object?> { ["value"] = 36.0 }),
            6 => Outcome(ref seq, LedgerKinds.AdjustmentExpired, a, new Dictionary<string, object?> { ["restored"] = 32.0 }),
            7 => Outcome(ref seq, LedgerKinds.AdjustmentKept, a, new Dictionary<string, object?> { ["value"] = 36.0 }),
            8 when a.Intent.Trial is { } trial => Entry(ref seq, LedgerKinds.TrialJudged, a.Service,
                LedgerData.From(new Dictionary<string, object?> { ["trial"] = trial, ["outcome"] = "not_better" })),
            _ => Entry(ref seq, LedgerKinds.CoordinationChanged, null,
                LedgerData.From(new Dictionary<string, object?> { ["lost"] = new[] { a.Service } })),
        };
    }

    private static AdjustmentIntent Intent(long number, string service, string? trial) => new(
        AdjustmentIds.Format(number), service, "concurrency_limit", "canary", 32, 36, "tuner", "", "test",
        T0.AddMinutes(10), T0.AddMinutes(1), null, null, null, trial);

    private static LedgerEntry Outcome(ref long seq, string kind, Adjustment a, Dictionary<string, object?> data)
    {
        data["id"] = a.Id;
        data["knob"] = a.Knob;
        return Entry(ref seq, kind, a.Service, LedgerData.From(data));
    }

    private static LedgerEntry Entry(ref long seq, string kind, string? service, JsonElement data)
    {
        seq++;
        return new LedgerEntry(seq, T0.AddSeconds(seq), kind, "test", service, "lumen", data, "prev", $"hash-{seq}");
    }
}

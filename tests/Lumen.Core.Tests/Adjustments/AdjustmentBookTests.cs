using System.Text.Json;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;

namespace Lumen.Core.Tests.Adjustments;

public sealed class AdjustmentBookTests
{
    private static readonly DateTimeOffset T0 = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static AdjustmentIntent Intent(long number, double from = 32, double to = 36) => new(
        AdjustmentIds.Format(number), "checkout", "concurrency_limit", "canary", from, to, "rules", "concurrency_limit:increase",
        "test", T0.AddMinutes(10), T0.AddMinutes(1), [1, 0.5], 0.9, 0.95);

    private sealed class Ledger
    {
        private long _seq;

        public LedgerEntry Entry(string kind, JsonElement data, DateTimeOffset? ts = null)
        {
            _seq++;
            return new LedgerEntry(_seq, ts ?? T0.AddSeconds(_seq), kind, "test", "checkout", "lumen", data, "prev", $"hash-{_seq}");
        }

        public LedgerEntry Outcome(string kind, string id, object extra) =>
            Entry(kind, LedgerData.From(new Dictionary<string, object?>(
                JsonSerializer.SerializeToElement(extra).EnumerateObject().Select(p => new KeyValuePair<string, object?>(p.Name, p.Value)))
            { ["id"] = id, ["knob"] = "concurrency_limit" }));
    }

    [Fact]
    public void Apply_IntentAppliedExpired_EndsClosedAndCounted()
    {
        var ledger = new Ledger();
        var intent = Intent(1);

        var book = AdjustmentBook.Empty
            .Apply(ledger.Entry(LedgerKinds.AdjustmentIntent, intent.ToData()));
        Assert.Equal(AdjustmentState.Intent, book.Open[intent.Id].State);
        book = book.Apply(ledger.Outcome(LedgerKinds.AdjustmentApplied, intent.Id, new { value = 36.0 }));
        Assert.Equal(AdjustmentState.Applied, book.Open[intent.Id].State);
        Assert.Equal(36, book.Open[intent.Id].AppliedValue);
        var expired = ledger.Outcome(LedgerKinds.AdjustmentExpired, intent.Id, new { restored = 32.0 });
        book = book.Apply(expired);

        Assert.Empty(book.Open);
        Assert.Equal(1, book.Count("checkout", "applied"));
        Assert.Equal(1, book.Count("checkout", "expired"));
        Assert.Equal(expired.Ts, book.LastChanges[AdjustmentBook.KnobKey("checkout", "concurrency_limit")]);
        Assert.Equal("adj-000002", book.NextId);
        Assert.Equal(expired.Seq, book.Seq);
        Assert.Equal(expired.Hash, book.Hash);
    }

    [Fact]
    public void Apply_IntentRoundTripsThroughTheLedgerData()
    {
        var intent = Intent(7);

        var read = AdjustmentIntent.TryRead(new Ledger().Entry(LedgerKinds.AdjustmentIntent, intent.ToData()));

        Assert.NotNull(read);
        Assert.Equal(intent with { X = null }, read! with { X = null });
        Assert.Equal(intent.X!.Value.ToArray(), read.X!.Value.ToArray());
    }

    [Fact]
    public void Apply_FailedAtFrom_Closes_FailedElsewhere_NeedsRestore()
    {
        var ledger = new Ledger();
        var book = AdjustmentBook.Empty
            .Apply(ledger.Entry(LedgerKinds.AdjustmentIntent, Intent(1).ToData()))
            .Apply(ledger.Entry(LedgerKinds.AdjustmentIntent, Intent(2).ToData()))
            .Apply(ledger.Outcome(LedgerKinds.AdjustmentFailed, "adj-000001", new { reason = "x", value = 32.0 }))
            .Apply(ledger.Outcome(LedgerKinds.AdjustmentFailed, "adj-000002", new { reason = "x", value = 34.0 }));

        Assert.False(book.Open.ContainsKey("adj-000001"));
        Assert.Equal(AdjustmentState.FailedNeedsRestore, book.Open["adj-000002"].State);
        Assert.True(book.Open["adj-000002"].RestoreDue(T0));
        Assert.Equal(2, book.Count("checkout", "failed"));
    }

    [Fact]
    public void Apply_RollbackFailed_RecordsAttemptAndNextAttempt()
    {
        var ledger = new Ledger();
        var next = T0.AddMinutes(11);
        var book = AdjustmentBook.Empty
            .Apply(ledger.Entry(LedgerKinds.AdjustmentIntent, Intent(1).ToData()))
            .Apply(ledger.Outcome(LedgerKinds.AdjustmentApplied, "adj-000001", new { value = 36.0 }))
            .Apply(ledger.Outcome(LedgerKinds.RollbackFailed, "adj-000001",
                new { reason = "down", attempt = 2, next_attempt_at = LedgerTime.ToText(next), cause = "brake" }));

        var adjustment = book.Open["adj-000001"];
        Assert.Equal(2, adjustment.RollbackAttempts);
        Assert.Equal(next, adjustment.NextRollbackAt);
        Assert.Equal("brake", adjustment.RollbackCause);
        Assert.False(adjustment.RestoreDue(next.AddTicks(-1)));
        Assert.True(adjustment.RestoreDue(next));
    }

    [Fact]
    public void RestoreDue_AppliedAdjustment_IsDueExactlyAtExpiresAt()
    {
        var adjustment = new Adjustment(Intent(1), AdjustmentState.Applied);

        Assert.False(adjustment.RestoreDue(T0.AddMinutes(10).AddTicks(-1)));
        Assert.True(adjustment.RestoreDue(T0.AddMinutes(10)));
    }

    [Fact]
    public void Apply_ShadowAndTick_CountWithoutOpening()
    {
        var ledger = new Ledger();
        var book = AdjustmentBook.Empty
            .Apply(ledger.Entry(LedgerKinds.Shadow, Intent(3).ToData()))
            .Apply(ledger.Entry(LedgerKinds.Tick, LedgerData.From(new { tick = 42 })));

        Assert.Empty(book.Open);
        Assert.Equal(1, book.Count("checkout", "shadow"));
        Assert.Equal(42, book.LastTick);
        Assert.Equal("adj-000004", book.NextId);
    }

    [Fact]
    public void Apply_EntryAlreadyFolded_IsIgnored()
    {
        var ledger = new Ledger();
        var intent = ledger.Entry(LedgerKinds.AdjustmentIntent, Intent(1).ToData());
        var book = AdjustmentBook.Empty.Apply(intent);

        Assert.Same(book, book.Apply(intent));
    }

    [Fact]
    public void Snapshot_RoundTrip_GivesTheSameBook()
    {
        var ledger = new Ledger();
        var book = AdjustmentBook.Empty
            .Apply(ledger.Entry(LedgerKinds.AdjustmentIntent, Intent(1).ToData()))
            .Apply(ledger.Outcome(LedgerKinds.AdjustmentApplied, "adj-000001", new { value = 36.0 }))
            .Apply(ledger.Entry(LedgerKinds.AdjustmentIntent, Intent(2).ToData()))
            .Apply(ledger.Entry(LedgerKinds.Tick, LedgerData.From(new { tick = 5 })));

        var json = AdjustmentSnapshot.Of(book).ToJson();
        var restored = AdjustmentSnapshot.FromJson(json, out var error)!.ToBook();

        Assert.Null(error);
        Assert.Equal(book.Seq, restored.Seq);
        Assert.Equal(book.Hash, restored.Hash);
        Assert.Equal(book.LastTick, restored.LastTick);
        Assert.Equal(book.NextId, restored.NextId);
        Assert.Equal(book.LastChanges, restored.LastChanges);
        Assert.Equal(book.OutcomeCounts, restored.OutcomeCounts);
        Assert.Equal(book.Open.Keys, restored.Open.Keys);
        foreach (var (id, adjustment) in book.Open)
        {
            Assert.Equal(adjustment with { Intent = adjustment.Intent with { X = null } },
                restored.Open[id] with { Intent = restored.Open[id].Intent with { X = null } });
            Assert.Equal(adjustment.Intent.X!.Value.ToArray(), restored.Open[id].Intent.X!.Value.ToArray());
        }

        Assert.Equal(json, AdjustmentSnapshot.Of(restored).ToJson());
    }

    [Theory]
    [InlineData("{")]
    [InlineData("{\"format\":\"other\",\"version\":1}")]
    public void Snapshot_FromJson_ForeignOrBroken_IsRefusedWithAReason(string json)
    {
        Assert.Null(AdjustmentSnapshot.FromJson(json, out var error));
        Assert.False(string.IsNullOrEmpty(error));
    }
}

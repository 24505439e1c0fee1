using System.Collections.Immutable;
using Lumen.Core.Ledger;

namespace Lumen.Core.Adjustments;

/// <summary>
/// The adjustments' state, folded from the ledger (docs/loop.md, docs/ledger.md: the ledger is the source of
/// truth). Pure and immutable: <see cref="Apply"/> returns the next book. Open adjustments (intent,
/// applied, failed-needing-restore) are kept; terminal outcomes (expired, rolled back, promoted,
/// failed, shadow) are counted per service and the adjustment is dropped, so the book stays small on
/// a long ledger. It also remembers the last change of each knob (for the guard's cooldown), the last
/// tick number, and the seq/hash it covers (for snapshots).
/// </summary>
public sealed record AdjustmentBook(
    long Seq,
    string Hash,
    long LastTick,
    long LastNumber,
    ImmutableSortedDictionary<string, Adjustment> Open,
    ImmutableSortedDictionary<string, DateTimeOffset> LastChanges,
    ImmutableSortedDictionary<string, long> OutcomeCounts)
{
    /// <summary>
    /// The kept values since the last promotion or canary rollback, per <c>service/knob</c>: the
    /// canary's incumbent where a trial was kept (docs/loop.md). A knob absent here has never been
    /// kept since: its incumbent is the value the canary holds at rest.
    /// </summary>
    public ImmutableSortedDictionary<string, KeptValue> Kept { get; init; } =
        ImmutableSortedDictionary.Create<string, KeptValue>(StringComparer.Ordinal);

    /// <summary>The outcome names counted (the <c>outcome</c> label of <c>lumen_adjustments_total</c>).</summary>
    public static readonly ImmutableArray<string> Outcomes =
        ["applied", "failed", "expired", "rolled_back", "promoted", "shadow", "rollback_failed", "kept", "conflict"];

    /// <summary>The book of an empty ledger.</summary>
    public static AdjustmentBook Empty { get; } = new(
        0, LedgerHash.Genesis, 0, 0,
        ImmutableSortedDictionary.Create<string, Adjustment>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, DateTimeOffset>(StringComparer.Ordinal),
        ImmutableSortedDictionary.Create<string, long>(StringComparer.Ordinal));

    /// <summary>The id the next adjustment gets.</summary>
    public string NextId => AdjustmentIds.Format(LastNumber + 1);

    /// <summary>The key of <see cref="LastChanges"/>: <c>service/knob</c>.</summary>
    public static string KnobKey(string service, string knob) => service + "/" + knob;

    /// <summary>The key of <see cref="OutcomeCounts"/>: <c>service|outcome</c>.</summary>
    public static string OutcomeKey(string service, string outcome) => service + "|" + outcome;

    /// <summary>How many adjustments of <paramref name="service"/> ended in <paramref name="outcome"/>.</summary>
    public long Count(string service, string outcome) => Count(OutcomeKey(service, outcome));

    /// <summary>How many adjustments ended in the outcome of <paramref name="outcomeKey"/> (<see cref="OutcomeKey"/>, made once by a caller that asks every tick).</summary>
    public long Count(string outcomeKey) => OutcomeCounts.TryGetValue(outcomeKey, out var n) ? n : 0;

    /// <summary>The service's open adjustments in id order, without scanning the others (<see cref="OpenIndex"/>).</summary>
    public IEnumerable<Adjustment> OpenOf(string service) => Resolve(OpenIndex.Of(Open).OfService(service));

    /// <summary>The trial's open adjustments in id order, without scanning the others.</summary>
    public IEnumerable<Adjustment> OpenOfTrial(string trial) => Resolve(OpenIndex.Of(Open).OfTrial(trial));

    /// <summary>How many adjustments of the service are open.</summary>
    public int OpenCount(string service) => OpenIndex.Of(Open).OfService(service).Length;

    private IEnumerable<Adjustment> Resolve(ImmutableArray<string> ids)
    {
        foreach (var id in ids)
        {
            yield return Open[id];
        }
    }

    /// <summary>Open adjustments of one state.</summary>
    public IEnumerable<Adjustment> InState(AdjustmentState state) => Open.Values.Where(a => a.State == state);

    /// <summary>Folds a sequence of entries (in ledger order).</summary>
    public AdjustmentBook ApplyAll(IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var book = this;
        foreach (var entry in entries)
        {
            book = book.Apply(entry);
        }

        return book;
    }

    /// <summary>Folds one entry. Entries at or below <see cref="Seq"/> are ignored (already folded).</summary>
    public AdjustmentBook Apply(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.Seq <= Seq)
        {
            return this;
        }

        var next = this with { Seq = entry.Seq, Hash = entry.Hash };
        return entry.Kind switch
        {
            LedgerKinds.Tick => next with { LastTick = Math.Max(LastTick, entry.Data.Integer("tick") ?? LastTick) },
            LedgerKinds.AdjustmentIntent => next.OnIntent(entry),
            LedgerKinds.Shadow => next.OnShadow(entry),
            LedgerKinds.AdjustmentApplied => next.OnApplied(entry),
            LedgerKinds.AdjustmentFailed => next.OnFailed(entry),
            LedgerKinds.AdjustmentExpired => next.OnClosed(entry, "expired", restored: true),
            LedgerKinds.AdjustmentRolledBack => next.OnClosed(entry, "rolled_back", restored: true),
            LedgerKinds.AdjustmentPromoted => next.OnClosed(entry, "promoted", restored: false),
            // Someone else changed the knob: left alone, closed; the change starts the knob's cooldown.
            LedgerKinds.AdjustmentConflict => next.OnClosed(entry, "conflict", restored: true),
            LedgerKinds.RollbackFailed => next.OnRollbackFailed(entry),
            LedgerKinds.RewardObserved => next.Update(entry, a => a with { RewardObserved = true }),
            LedgerKinds.AdjustmentKept => next.OnKept(entry),
            LedgerKinds.TrialJudged => next.OnTrialJudged(entry),
            LedgerKinds.PromotionApplied or LedgerKinds.CanaryRolledBack => next.Forget(entry.Service),
            LedgerKinds.CoordinationChanged => next.OnHandedOver(entry),
            LedgerKinds.CoordinationAdopted => next.OnAdopted(entry),
            _ => next,
        };
    }

    private AdjustmentBook OnIntent(LedgerEntry entry)
    {
        if (AdjustmentIntent.TryRead(entry) is not { } intent)
        {
            return this;
        }

        return Numbered(intent.Id) with { Open = OpenIndex.Set(Open, new Adjustment(intent, AdjustmentState.Intent)) };
    }

    // A shadow adjustment changes nothing, but it paces itself like a real one (cooldown), so shadow
    // mode shows the rhythm of changes Lumen would really make instead of one entry per tick.
    private AdjustmentBook OnShadow(LedgerEntry entry)
    {
        if (AdjustmentIntent.TryRead(entry) is not { } intent)
        {
            return this;
        }

        return Numbered(intent.Id).Counted(intent.Service, "shadow").Changed(intent.Service, intent.Knob, entry.Ts);
    }

    private AdjustmentBook OnApplied(LedgerEntry entry) =>
        Find(entry) is { State: AdjustmentState.Intent } a
            ? (this with
            {
                Open = OpenIndex.Set(Open, a with
                {
                    State = AdjustmentState.Applied,
                    AppliedAt = entry.Ts,
                    AppliedValue = entry.Data.Number("value") ?? a.Intent.To,
                }),
            }).Counted(a.Service, "applied").Changed(a.Service, a.Knob, entry.Ts)
            : this;

    // A failed apply that left the target at `from` (or at an unknown value: the intent is then
    // reconciled again by reading it) ends here; one that left another value must be restored.
    private AdjustmentBook OnFailed(LedgerEntry entry)
    {
        if (Find(entry) is not { State: AdjustmentState.Intent } a)
        {
            return this;
        }

        var counted = Counted(a.Service, "failed");
        var value = entry.Data.Number("value");
        return value is { } v && v != a.Intent.From
            ? counted with { Open = OpenIndex.Set(Open, a with { State = AdjustmentState.FailedNeedsRestore, RollbackCause = "failed_apply", AppliedValue = v }) }
            : counted with { Open = OpenIndex.Remove(Open, a) };
    }

    private AdjustmentBook OnClosed(LedgerEntry entry, string outcome, bool restored)
    {
        if (Find(entry) is not { } a)
        {
            return this;
        }

        var closed = (this with { Open = OpenIndex.Remove(Open, a) }).Counted(a.Service, outcome);
        return restored ? closed.Changed(a.Service, a.Knob, entry.Ts) : closed;
    }

    // A kept trial is closed without a restore: its value is the knob's incumbent from now on.
    private AdjustmentBook OnKept(LedgerEntry entry)
    {
        if (Find(entry) is not { State: AdjustmentState.Applied } a)
        {
            return this;
        }

        var value = entry.Data.Number("value") ?? a.AppliedValue ?? a.Intent.To;
        return (this with
        {
            Open = OpenIndex.Remove(Open, a),
            Kept = Kept.SetItem(KnobKey(a.Service, a.Knob), new KeptValue(a.Id, value, entry.Ts)),
        }).Counted(a.Service, "kept");
    }

    // A trial not kept (not better, dropped, aborted): its applied adjustments are due for a
    // restore to their `from`, the incumbent; the cause is the verdict's outcome.
    private AdjustmentBook OnTrialJudged(LedgerEntry entry)
    {
        if (entry.Data.String("trial") is not { } trial || entry.Data.String("outcome") is not { } outcome || outcome == "kept")
        {
            return this;
        }

        var open = Open;
        foreach (var a in OpenOfTrial(trial))
        {
            if (a.State == AdjustmentState.Applied && a.RollbackCause is null)
            {
                open = OpenIndex.Set(open, a with { RollbackCause = "trial_" + outcome });
            }
        }

        return this with { Open = open };
    }

    // The baseline now holds the canary's configuration (promotion) or the canary the baseline's
    // (canary rollback): the kept values are no longer the canary's own; it starts afresh.
    private AdjustmentBook Forget(string? service)
    {
        if (service is null)
        {
            return this;
        }

        var prefix = service + "/";
        return this with { Kept = Kept.RemoveRange(Kept.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)).ToList()) };
    }

    // Services this replica lost: their open adjustments and kept values now belong to the holder
    // that adopts them from the hand-over (docs/scale-out.md); this replica forgets them.
    private AdjustmentBook OnHandedOver(LedgerEntry entry)
    {
        if (!entry.Data.TryGetProperty("lost", out var lost) || lost.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return this;
        }

        var book = this;
        foreach (var service in lost.EnumerateArray().Select(e => e.GetString()).OfType<string>())
        {
            foreach (var a in book.OpenOf(service).ToList())
            {
                book = (book with { Open = OpenIndex.Remove(book.Open, a) }).Counted(service, "handed_over");
            }

            book = book.Forget(service);
        }

        return book;
    }

    // A gained service's hand-over: its open adjustments are restored at once (this replica did not
    // make them and cannot judge them); its kept values stay the canary's incumbents.
    private AdjustmentBook OnAdopted(LedgerEntry entry)
    {
        if (entry.Service is not { } service || entry.Data.String("from_replica") is not { } replica)
        {
            return this;
        }

        var book = Forget(service);
        if (entry.Data.TryGetProperty("open", out var open) && open.ValueKind == System.Text.Json.JsonValueKind.Array)
        {
            foreach (var a in open.EnumerateArray())
            {
                if (a.String("id") is not { } id || a.String("knob") is not { } knob || a.Number("from") is not { } from
                    || a.Number("to") is not { } to || a.Time("expires_at") is not { } expires)
                {
                    continue;
                }

                var intent = new AdjustmentIntent(Coordination.ServiceHandover.AdoptedId(replica, id), service, knob,
                    a.String("track") ?? "canary", from, to, "handover", "", $"handed over by {replica}", expires, entry.Ts, null, null, null);
                book = book with
                {
                    Open = OpenIndex.Set(book.Open, new Adjustment(intent, AdjustmentState.Applied, entry.Ts, to, RewardObserved: true, RollbackCause: "handed_over")),
                };
            }
        }

        if (entry.Data.TryGetProperty("kept", out var kept) && kept.ValueKind == System.Text.Json.JsonValueKind.Object)
        {
            foreach (var k in kept.EnumerateObject().Where(k => k.Value.ValueKind == System.Text.Json.JsonValueKind.Number))
            {
                book = book with { Kept = book.Kept.SetItem(KnobKey(service, k.Name), new KeptValue(Coordination.ServiceHandover.AdoptedId(replica, k.Name), k.Value.GetDouble(), entry.Ts)) };
            }
        }

        return book;
    }

    /// <summary>The kept adjustments of a service since its last promotion or canary rollback.</summary>
    public IEnumerable<(string Knob, KeptValue Value)> KeptOf(string service)
    {
        var prefix = service + "/";
        return Kept.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(kv => (kv.Key[prefix.Length..], kv.Value));
    }

    private AdjustmentBook OnRollbackFailed(LedgerEntry entry) =>
        Update(entry, a => a with
        {
            RollbackAttempts = (int)Math.Min(int.MaxValue, entry.Data.Integer("attempt") ?? (a.RollbackAttempts + 1)),
            NextRollbackAt = entry.Data.Time("next_attempt_at"),
            RollbackCause = entry.Data.String("cause") ?? a.RollbackCause ?? "ttl",
        }).Counted(entry.Service ?? string.Empty, "rollback_failed");

    private AdjustmentBook Update(LedgerEntry entry, Func<Adjustment, Adjustment> change) =>
        Find(entry) is { } a ? this with { Open = OpenIndex.Set(Open, change(a)) } : this;

    private Adjustment? Find(LedgerEntry entry) =>
        entry.Data.String("id") is { } id && Open.TryGetValue(id, out var a) ? a : null;

    private AdjustmentBook Numbered(string id) =>
        AdjustmentIds.TryNumber(id) is { } n && n > LastNumber ? this with { LastNumber = n } : this;

    private AdjustmentBook Counted(string service, string outcome)
    {
        var key = OutcomeKey(service, outcome);
        return this with { OutcomeCounts = OutcomeCounts.SetItem(key, Count(service, outcome) + 1) };
    }

    private AdjustmentBook Changed(string service, string knob, DateTimeOffset at) =>
        this with { LastChanges = LastChanges.SetItem(KnobKey(service, knob), at) };
}

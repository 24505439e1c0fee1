using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;

namespace Lumen.Reports.Tests.TestKit;

/// <summary>
/// Real replica ledgers for the fleet report tests: a <see cref="FileLedgerStore"/> in the replica's
/// own state directory, each entry appended at its minute after <see cref="Start"/>, with the shapes
/// the loop writes (<c>coordination.changed</c>, <c>coordination.adopted</c>, docs/scale-out.md).
/// </summary>
internal static class ReplicaLedger
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<string> WriteAsync(string root, string name, params (int Minute, LedgerDraft Draft)[] steps)
    {
        var dir = Path.Combine(root, name);
        var clock = new ManualClock(Start);
        await using (var store = await FileLedgerStore.OpenAsync(FileLedgerStoreOptions.InStateDirectory(dir), clock))
        {
            foreach (var (minute, draft) in steps)
            {
                clock.Set(Start.AddMinutes(minute));
                await store.AppendAsync(draft);
            }
        }

        return Path.Combine(dir, FileLedgerStoreOptions.DefaultFileName);
    }

    public static LedgerDraft Changed(string replica, (string Service, long Token)[] gained, params string[] lost) =>
        new(LedgerKinds.CoordinationChanged, "dev", null, "loop", LedgerData.From(new Dictionary<string, object?>
        {
            ["engine"] = "etcd",
            ["replica"] = replica,
            ["gained"] = gained.Select(g => new Dictionary<string, object?> { ["service"] = g.Service, ["token"] = g.Token }).ToArray(),
            ["lost"] = lost,
            ["held"] = 0,
            ["live_replicas"] = 3,
            ["valid_until"] = null,
            ["problem"] = null,
        }));

    public static LedgerDraft Adopted(string service, string fromReplica, long fromToken, long token) =>
        new(LedgerKinds.CoordinationAdopted, "dev", service, "loop", LedgerData.From(new Dictionary<string, object?>
        {
            ["from_replica"] = fromReplica,
            ["from_token"] = fromToken,
            ["token"] = token,
            ["open"] = Array.Empty<object>(),
            ["kept"] = new Dictionary<string, object?>(),
        }));

    /// <summary>An adjustment intent: each replica numbers its adjustments from <c>adj-000001</c>.</summary>
    public static LedgerDraft Intent(string service, string id, string knob = "pool_size") =>
        new(LedgerKinds.AdjustmentIntent, "dev", service, "loop", LedgerData.From(new Dictionary<string, object?>
        {
            ["id"] = id, ["knob"] = knob, ["track"] = "canary", ["from"] = 10, ["to"] = 12, ["source"] = "tuner", ["arm"] = "up",
            ["reason"] = "test",
        }));

    public static LedgerDraft Outcome(string kind, string service, string id) =>
        new(kind, "dev", service, "loop", LedgerData.From(new Dictionary<string, object?> { ["id"] = id }));
}

using System.Text.Json;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;

namespace Lumen.Soak;

/// <summary>
/// What the ledger says about the soak's adjustments: how many were applied, restored, in conflict;
/// intents applied more than once; adjustments still open; whether the chain verifies (with its head
/// checkpoint when there is one).
/// </summary>
internal sealed record LedgerAudit(
    long Entries,
    int Intents,
    int Applied,
    int Expired,
    int RolledBack,
    int Conflicts,
    int FailedAway,
    int RollbackFailures,
    int DiskFullEntries,
    int DoubleApplies,
    IReadOnlyList<string> OpenAtEnd,
    bool Verified,
    string VerifyDetail)
{
    /// <summary>Every complete line of the ledger (a line still being written is left out).</summary>
    public static IReadOnlyList<LedgerEntry> Read(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        byte[] bytes;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var buffer = new MemoryStream())
        {
            stream.CopyTo(buffer);
            bytes = buffer.ToArray();
        }

        var entries = new List<LedgerEntry>();
        var start = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] != (byte)'\n')
            {
                continue;
            }

            if (i > start && LedgerEntryParser.TryParse(bytes.AsMemory(start, i - start), out var entry, out _))
            {
                entries.Add(entry!);
            }

            start = i + 1;
        }

        return entries;
    }

    public static int OpenCount(IReadOnlyList<LedgerEntry> entries) => AdjustmentBook.Empty.ApplyAll(entries).Open.Count;

    public static LedgerAudit Of(string ledgerPath)
    {
        var entries = Read(ledgerPath);
        int Count(string kind) => entries.Count(e => e.Kind == kind);
        var appliedPerId = entries.Where(e => e.Kind == LedgerKinds.AdjustmentApplied)
            .GroupBy(e => Id(e.Data))
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var fromById = entries.Where(e => e.Kind == LedgerKinds.AdjustmentIntent)
            .ToDictionary(e => Id(e.Data), e => e.Data.GetProperty("from").GetDouble(), StringComparer.Ordinal);
        var failedAway = entries.Count(e => e.Kind == LedgerKinds.AdjustmentFailed
            && e.Data.TryGetProperty("value", out var v) && v.ValueKind == JsonValueKind.Number
            && fromById.TryGetValue(Id(e.Data), out var from) && Math.Abs(v.GetDouble() - from) > 1e-9);
        var book = AdjustmentBook.Empty.ApplyAll(entries);

        var head = FileLedgerStoreOptions.DefaultHeadPath(ledgerPath);
        LedgerCheckpoint? checkpoint = null;
        var headNote = "no head checkpoint";
        if (File.Exists(head))
        {
            headNote = LedgerHeadFile.TryRead(head, out checkpoint, out var error) ? "with its head checkpoint" : $"head checkpoint unreadable: {error}";
        }

        var verify = LedgerFileVerifier.Verify(ledgerPath, checkpoint, null);
        return new LedgerAudit(
            verify.Entries,
            Count(LedgerKinds.AdjustmentIntent),
            Count(LedgerKinds.AdjustmentApplied),
            Count(LedgerKinds.AdjustmentExpired),
            Count(LedgerKinds.AdjustmentRolledBack),
            Count(LedgerKinds.AdjustmentConflict),
            failedAway,
            Count(LedgerKinds.RollbackFailed),
            Count(LedgerKinds.DiskFull),
            appliedPerId.Count(p => p.Value > 1),
            [.. book.Open.Keys],
            verify.IsValid,
            verify.IsValid ? $"valid, {verify.Entries} entries, {headNote}" : $"INVALID: {verify.Failure}");
    }

    private static string Id(JsonElement data) => data.TryGetProperty("id", out var id) ? id.GetString() ?? "" : "";
}

using Lumen.Adapters.LedgerStore;

namespace Lumen.Reports.Ledger;

/// <summary>The verifier's verdict on a ledger file, in the words the report prints.</summary>
public sealed record LedgerVerification(bool IsValid, long Entries, long HeadSeq, bool HeadChecked, string Summary)
{
    /// <summary>Runs <c>lumen ledger verify</c>'s check: the chain, and the head checkpoint beside it when there is one.</summary>
    public static LedgerVerification Run(string ledgerPath)
    {
        var headPath = FileLedgerStoreOptions.DefaultHeadPath(ledgerPath);
        if (!LedgerHeadFile.TryRead(headPath, out var checkpoint, out var headError))
        {
            return new LedgerVerification(false, 0, 0, true, $"the head checkpoint {Path.GetFileName(headPath)} is unreadable: {headError}");
        }

        var report = LedgerFileVerifier.Verify(ledgerPath, checkpoint, publicKey: null);
        if (!report.IsValid)
        {
            var failure = report.Failure!;
            return new LedgerVerification(false, report.Entries, report.Last.Seq, checkpoint is not null,
                $"FAILED at line {failure.Line} ({failure.Kind}): {failure.Reason}");
        }

        var head = checkpoint is null ? "no head checkpoint beside it" : $"matches the head checkpoint at seq {checkpoint.Seq}";
        return new LedgerVerification(true, report.Entries, report.Last.Seq, checkpoint is not null,
            $"OK: {report.Entries:N0} entries, the hash chain is intact and {head}");
    }
}

using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// What a full pass over a ledger file found: the valid prefix (entries, last position, byte
/// length) and the first failure, if any, with whether it is on the file's last line.
/// </summary>
internal sealed record LedgerScan(
    long Entries,
    LedgerPosition Last,
    long ValidLength,
    LedgerVerifyFailure? Failure,
    bool FailureOnLastLine)
{
    /// <summary>Reads the stream from its position to its end through a <see cref="LedgerChainVerifier"/>.</summary>
    public static LedgerScan Run(Stream stream, LedgerCheckpoint? checkpoint)
    {
        using var verifier = new LedgerChainVerifier(checkpoint);
        long validLength = 0;
        var failed = false;
        var failureOnLastLine = true;
        foreach (var line in LedgerLineReader.Read(stream))
        {
            if (failed)
            {
                failureOnLastLine = false;
                break;
            }

            if (!verifier.TryAccept(line.Content, line.Terminated))
            {
                failed = true;
                continue;
            }

            validLength = line.Offset + line.Content.Length + 1;
        }

        var failure = verifier.Failure ?? verifier.Complete();
        return new LedgerScan(verifier.Lines, new LedgerPosition(verifier.LastSeq, verifier.LastHash), validLength,
            failure, failure is not null && failureOnLastLine);
    }

    /// <summary>True when the failure is a torn tail that opening may repair by truncation.</summary>
    public bool IsRepairableTornTail =>
        Failure is { Kind: LedgerFaultKind.TornLine or LedgerFaultKind.BadJson } && FailureOnLastLine;
}

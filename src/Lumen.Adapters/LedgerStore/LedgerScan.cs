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
        LedgerVerifyFailure? tooLong = null;
        foreach (var line in LedgerLineReader.Read(stream))
        {
            if (failed)
            {
                failureOnLastLine = false;
                break;
            }

            if (line.TooLong)
            {
                // Never a torn write (the writer never makes such a line): corruption, and the bytes are not shown.
                tooLong = new LedgerVerifyFailure(line.Number, LedgerFaultKind.BadJson,
                    $"the line is longer than {LedgerLineReader.MaxLineLength} bytes (not shown)");
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

        var failure = tooLong ?? verifier.Failure ?? verifier.Complete();
        return new LedgerScan(verifier.Lines, new LedgerPosition(verifier.LastSeq, verifier.LastHash), validLength,
            failure, failure is not null && failureOnLastLine);
    }

    /// <summary>True when the failure is a torn tail that opening may repair by truncation: the last line, and
    /// unterminated (a write cut short). A complete line (ending in a newline) that fails is corruption, even
    /// the last one: the writer only ever ends a line after writing all of it.</summary>
    public bool IsRepairableTornTail =>
        Failure is { Kind: LedgerFaultKind.TornLine } && FailureOnLastLine;
}

using System.Security.Cryptography;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>Verifies a ledger file end to end (what <c>lumen ledger verify</c> runs).</summary>
public static class LedgerFileVerifier
{
    /// <summary>
    /// Checks the checkpoint's signature (when a public key is given), then the whole chain
    /// against the checkpoint (when given), the lines proven on every core and the chain checked in
    /// order (<see cref="LedgerParallelScan"/>). Reads with sharing, so a running writer is fine.
    /// </summary>
    public static LedgerVerifyReport Verify(string ledgerPath, LedgerCheckpoint? checkpoint, ECDsa? publicKey)
    {
        if (publicKey is not null)
        {
            if (checkpoint is null)
            {
                return Report(0, LedgerPosition.Start, 0, Head("a public key was given but there is no head checkpoint to check"));
            }

            if (!LedgerCheckpointSigner.Verify(checkpoint, publicKey))
            {
                return Report(0, LedgerPosition.Start, 0, Head(checkpoint.Signature is null
                    ? "the head checkpoint is not signed"
                    : "the head checkpoint's signature does not verify with the given public key"));
            }
        }

        using var stream = new FileStream(ledgerPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 0);
        var scan = LedgerParallelScan.Run(stream, checkpoint, Environment.ProcessorCount);
        return Report(scan.Entries, scan.Last, stream.Length, scan.Failure);
    }

    private static LedgerVerifyFailure Head(string reason) => new(0, LedgerFaultKind.BadCheckpoint, reason);

    private static LedgerVerifyReport Report(long entries, LedgerPosition last, long bytes, LedgerVerifyFailure? failure) =>
        new(entries, last, bytes, failure);
}

namespace Lumen.Core.Ledger;

/// <summary>
/// The head checkpoint (<c>proof_ledger.head</c>): the last durable entry's seq and hash at
/// <see cref="Ts"/>. A hash chain cannot show lines cut from its end; the checkpoint can.
/// <see cref="Signature"/> is an optional base64 DER ECDSA P-256/SHA-256 signature over
/// <see cref="LedgerCheckpointFormat.SignedPayload"/>.
/// </summary>
public sealed record LedgerCheckpoint(long Seq, string Hash, DateTimeOffset Ts, string? Signature = null)
{
    /// <summary>The checkpoint of an empty ledger.</summary>
    public static LedgerCheckpoint Empty(DateTimeOffset ts) => new(0, LedgerHash.Genesis, LedgerTime.Normalize(ts));
}

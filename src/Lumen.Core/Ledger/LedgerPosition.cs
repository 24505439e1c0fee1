namespace Lumen.Core.Ledger;

/// <summary>Where a ledger ends: the last durable entry's seq (0 when empty) and hash.</summary>
public readonly record struct LedgerPosition(long Seq, string Hash)
{
    /// <summary>The position of an empty ledger.</summary>
    public static LedgerPosition Start => new(0, LedgerHash.Genesis);
}

namespace Lumen.Core.Ledger;

/// <summary>
/// What <see cref="LedgerChainVerifier.TryProve"/> proved of one line on its own: it is canonical and
/// carries its own hash. Whether it continues the chain is left to <see cref="LedgerChainVerifier.TryAcceptProven"/>.
/// </summary>
/// <param name="Seq">The line's seq.</param>
/// <param name="PrevStart">Offset of the 64 hex digits of <c>prev</c> in the line.</param>
/// <param name="HashStart">Offset of the 64 hex digits of <c>hash</c> in the line.</param>
public readonly record struct LedgerLineProof(long Seq, int PrevStart, int HashStart);

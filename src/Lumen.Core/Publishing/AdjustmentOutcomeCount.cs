namespace Lumen.Core.Publishing;

/// <summary>How many adjustments of a service ended in <paramref name="Outcome"/> (applied, rolled_back, expired, promoted, failed...) since the ledger began.</summary>
public readonly record struct AdjustmentOutcomeCount(string Service, string Outcome, long Count);

namespace Lumen.Core.Guard;

/// <summary>A proposal the guard lets through, with the exact value to set (clamped, bounded, rounded).</summary>
public sealed record AcceptedChange(Proposal Proposal, double From, double To);

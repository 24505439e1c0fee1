namespace Lumen.Core.Guard;

/// <summary>
/// An adjustment that is applied and not yet rolled back, expired or promoted, with the
/// service's coherence just before it was applied (the brake compares against it).
/// </summary>
public sealed record ActiveAdjustment(
    string Id, string Service, string Knob, DateTimeOffset AppliedAt, DateTimeOffset ExpiresAt, double CoherenceBefore);

namespace Lumen.Runtime.Promotion;

/// <summary>
/// A compare-and-set of a promotion or canary rollback found <paramref name="Knob"/> at
/// <paramref name="Observed"/> where the plan (or the value Lumen set) said <paramref name="Expected"/>:
/// someone else changed it, so it was left alone. <paramref name="Operation"/> is <c>apply</c> (the
/// write of the plan) or <c>restore</c> (putting a knob back after a failure or an SLO breach).
/// </summary>
public sealed record PromotionConflict(string Knob, string Track, string Operation, double Expected, double Observed);

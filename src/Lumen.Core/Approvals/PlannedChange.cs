namespace Lumen.Core.Approvals;

/// <summary>One knob a promotion will change: on <paramref name="Track"/>, from its current value to the new one.</summary>
public sealed record PlannedChange(string Knob, string Track, double From, double To);

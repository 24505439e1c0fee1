namespace Lumen.Core.Adjustments;

/// <summary>A knob's kept value: the adjustment that set it, the value, and when it was kept.</summary>
public sealed record KeptValue(string Id, double Value, DateTimeOffset At);

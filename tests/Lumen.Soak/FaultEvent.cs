namespace Lumen.Soak;

/// <summary>One scheduled fault: when (from the start of the fault phase), what, for how long, and a seeded size (a clock jump's seconds).</summary>
internal sealed record FaultEvent(TimeSpan At, FaultKind Kind, TimeSpan Duration, int Magnitude);

namespace Lumen.Soak;

/// <summary>A stretch of time during which the canary's knob was seen away from its baseline value (End null: still away).</summary>
internal sealed record KnobEpisode(DateTimeOffset Start, DateTimeOffset? End, double Value);

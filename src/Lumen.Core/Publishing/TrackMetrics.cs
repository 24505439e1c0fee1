namespace Lumen.Core.Publishing;

/// <summary>The SLIs of one (service, track) this tick, in base units. Null means "no Ok reading": the series is left out, never written as 0.</summary>
public readonly record struct TrackMetrics(
    string Service,
    string Track,
    double? LatencyP95Seconds,
    double? ErrorRatio,
    double? RequestsPerSecond);

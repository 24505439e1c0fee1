namespace Lumen.Core.Canary;

/// <summary>One cumulative histogram bucket: requests at or under <see cref="UpperBoundSeconds"/> (Prometheus <c>le</c>).</summary>
public readonly record struct LatencyBucket(double UpperBoundSeconds, long CumulativeCount);

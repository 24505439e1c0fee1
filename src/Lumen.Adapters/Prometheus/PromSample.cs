namespace Lumen.Adapters.Prometheus;

/// <summary>One sample: its timestamp and value (NaN and ±Inf are kept as they came, to be judged later).</summary>
public readonly record struct PromSample(DateTimeOffset Timestamp, double Value);

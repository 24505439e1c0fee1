namespace Lumen.Core.Publishing;

/// <summary>How one SLI read this tick: <paramref name="Ok"/> becomes 1/0, <paramref name="Status"/> a label (ok, missing, stale, invalid, error).</summary>
public readonly record struct SliReadingMetric(string Service, string Track, string Sli, bool Ok, string Status);

namespace Lumen.Adapters.Thresholds;

/// <summary>How an alert's description shows <c>$value</c>.</summary>
internal enum ValueFormat
{
    /// <summary>No value in the text.</summary>
    None,

    /// <summary>Seconds, as Prometheus' <c>humanizeDuration</c> ("750ms", "1.5s").</summary>
    Duration,

    /// <summary>A ratio, as <c>humanizePercentage</c> ("6%").</summary>
    Percentage,

    /// <summary>A whole number (<c>printf "%.0f"</c>).</summary>
    Whole,

    /// <summary>Two decimals (<c>printf "%.2f"</c>).</summary>
    TwoDecimals,
}

namespace Lumen.Reports.Charts;

/// <summary>One written chart: its file and what it shows (the report's caption).</summary>
public sealed record ChartFile(string Path, string Caption);

namespace Lumen.Reports.Digest;

/// <summary>The objectives a run was judged against (from <c>config.loaded</c>).</summary>
public sealed record SloLine(double LatencyP95Ms, double ErrorRate, double? CoherenceMin);

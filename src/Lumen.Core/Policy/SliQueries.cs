namespace Lumen.Core.Policy;

/// <summary>PromQL templates with <c>$service</c>, <c>$track</c> and <c>$window</c> placeholders;
/// each must return one series per (service, track). <see cref="Saturation"/> is optional.</summary>
public sealed record SliQueries(string P95Ms, string ErrorRate, string Rps, string? Saturation);

namespace Lumen.Core.Publishing;

/// <summary>How many readings of one SLI of a service had <paramref name="Status"/> since the process started.</summary>
public readonly record struct SliReadingCount(string Service, string Sli, string Status, long Count);

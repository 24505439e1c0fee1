namespace Lumen.Runtime.Promotion;

/// <summary>The outcome of a post-promotion watch.</summary>
public sealed record WatchResult(bool Breached, string Reason, int Reads, int Unusable);

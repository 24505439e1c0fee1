using Lumen.Core.Sli;

namespace Lumen.Adapters.Prometheus;

/// <summary>One SLI of one (service, track) as read in one tick. <see cref="Degraded"/> is true when the
/// backend answered with warnings (the value is kept but may be partial).</summary>
public sealed record SliObservation(string Service, string Track, string Sli, SliReading Reading, bool Degraded = false);

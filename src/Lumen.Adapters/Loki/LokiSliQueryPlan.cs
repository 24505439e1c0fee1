using System.Collections.Immutable;

namespace Lumen.Adapters.Loki;

/// <summary>One LogQL query of a tick and the services it answers for (they share the SLI's template and window).</summary>
public sealed record LokiSliQueryPlan(LokiSliQuery Query, ImmutableArray<string> Services);

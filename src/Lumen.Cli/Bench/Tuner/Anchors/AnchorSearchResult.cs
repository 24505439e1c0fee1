using System.Collections.Immutable;

namespace Lumen.Cli.Bench.Tuner.Anchors;

/// <summary>The best grid point found: its knob values, its objective and how many distinct points were evaluated.</summary>
internal sealed record AnchorSearchResult(ImmutableArray<double> Values, double Score, int Evaluations);

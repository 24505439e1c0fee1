using System.Collections.Immutable;
using Lumen.Cli.Bench.Tuner.Anchors;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>What <c>lumen bench tuner</c> reports: the anchors per environment and the policies' measures.</summary>
internal sealed record TunerBenchReport(ImmutableArray<EnvironmentAnchors> Anchors, IReadOnlyList<TunerPolicySummary> Results, TimeSpan AnchorWall);

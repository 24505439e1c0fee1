using System.Collections.Immutable;
using Lumen.Adapters.Output;

namespace Lumen.Adapters.Thresholds;

/// <summary>The files a sync would write, or why it cannot; plus warnings worth a human's eye.</summary>
public sealed record ThresholdsSyncPlan(ImmutableArray<GeneratedFile> Files, string? Error, ImmutableArray<string> Warnings);

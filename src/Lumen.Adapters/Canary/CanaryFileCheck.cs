using System.Collections.Immutable;
using Lumen.Core.Canary;

namespace Lumen.Adapters.Canary;

/// <summary>The judge's report on a records file, or why the file could not be judged (bad input: each problem with its line).</summary>
public sealed record CanaryFileCheck(CanaryReport? Report, ImmutableArray<string> Errors)
{
    public bool IsOk => Report is not null;

    public CanaryVerdict Verdict => Report?.Verdict ?? throw new InvalidOperationException("no verdict: " + string.Join("; ", Errors));
}

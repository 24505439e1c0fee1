using System.Collections.Immutable;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>What one history read returned: the canary samples per service, and what went wrong.</summary>
public sealed record HistoryChunk(ImmutableDictionary<string, ImmutableArray<SliSample>> Samples, ImmutableArray<string> Problems)
{
    public static HistoryChunk Failed(string problem) => new(ImmutableDictionary<string, ImmutableArray<SliSample>>.Empty, [problem]);
}

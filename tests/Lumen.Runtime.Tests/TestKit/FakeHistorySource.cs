using System.Collections.Immutable;
using Lumen.Core.Sli;
using Lumen.TestKit;
using Lumen.Runtime.Loop;

namespace Lumen.Runtime.Tests.TestKit;

/// <summary>
/// A scripted history source: answers every grid point of a chunk with <see cref="Sample"/> for the
/// harness service, records each call, and lets a test break chunks (<see cref="Chunk"/>).
/// </summary>
internal sealed class FakeHistorySource : IHistorySource
{
    private readonly Lock _lock = new();

    public List<(DateTimeOffset Start, DateTimeOffset End, TimeSpan Step)> Calls { get; } = [];

    /// <summary>The chunks read for rps only, by start.</summary>
    public List<DateTimeOffset> RpsOnly { get; } = [];

    /// <summary>The value at a grid time; null = the backend has no point there. Default: p95 900 ms, 1 % errors, 100 rps.</summary>
    public Func<DateTimeOffset, SliSample?> Sample { get; set; } = t => new SliSample(t, 900, 0.01, 100);

    /// <summary>Replaces the answer of a chunk (by its start) when it returns non-null.</summary>
    public Func<DateTimeOffset, HistoryChunk?> Chunk { get; set; } = _ => null;

    public Task<HistoryChunk> ReadAsync(DateTimeOffset start, DateTimeOffset end, TimeSpan step, bool rpsOnly, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            Calls.Add((start, end, step));
            if (rpsOnly)
            {
                RpsOnly.Add(start);
            }
        }

        if (Chunk(start) is { } replaced)
        {
            return Task.FromResult(replaced);
        }

        var samples = new List<SliSample>();
        for (var t = start; t <= end; t += step)
        {
            if (Sample(t) is { } s)
            {
                samples.Add(rpsOnly ? SliSample.FromRps(t, s.Rps) : s);
            }
        }

        return Task.FromResult(new HistoryChunk(
            ImmutableDictionary<string, ImmutableArray<SliSample>>.Empty.Add(HarnessConfig.Service, [.. samples]), []));
    }
}

using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>A bounded, oldest-first buffer of one service's canary samples (what the mapper reads).</summary>
internal sealed class SliHistory(int capacity)
{
    private readonly Queue<SliSample> _samples = new();

    public int Count => _samples.Count;

    public void Add(SliSample sample)
    {
        // A replayed observation (a tick redone after a crash) must not count twice.
        if (_samples.Count > 0 && _samples.Last().Timestamp >= sample.Timestamp)
        {
            return;
        }

        _samples.Enqueue(sample);
        while (_samples.Count > capacity)
        {
            _samples.Dequeue();
        }
    }

    public SliSample[] ToArray() => [.. _samples];
}

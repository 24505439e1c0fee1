using Lumen.Core.Ledger;

namespace Lumen.Cli.Demo;

/// <summary>
/// Passes appends through to the real ledger and keeps what the live view shows: counts by kind,
/// the last adjustments and rollbacks, the latest observation per service. Adds no entries.
/// </summary>
internal sealed class ObservingLedger(ILedgerStore inner) : ILedgerStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LedgerEntry> _observations = new(StringComparer.Ordinal);
    private readonly LinkedList<LedgerEntry> _recent = new();

    public const int RecentCapacity = 6;

    public LedgerPosition Head => inner.Head;

    public Task<LedgerEntry> AppendAsync(LedgerDraft draft, CancellationToken cancellationToken = default) =>
        ObserveAsync(inner.AppendAsync(draft, cancellationToken));

    /// <summary>Passed through whole, so the inner store's group commit takes them together.</summary>
    public IReadOnlyList<Task<LedgerEntry>> AppendAll(IReadOnlyList<LedgerDraft> drafts, CancellationToken cancellationToken = default) =>
        [.. inner.AppendAll(drafts, cancellationToken).Select(ObserveAsync)];

    private async Task<LedgerEntry> ObserveAsync(Task<LedgerEntry> append)
    {
        var entry = await append.ConfigureAwait(false);
        lock (_lock)
        {
            _counts[entry.Kind] = _counts.GetValueOrDefault(entry.Kind) + 1;
            if (entry.Kind == LedgerKinds.Observation && entry.Service is { } service)
            {
                _observations[service] = entry;
            }
            else if (entry.Kind.StartsWith("adjustment.", StringComparison.Ordinal) || entry.Kind == LedgerKinds.RollbackFailed)
            {
                _recent.AddFirst(entry);
                if (_recent.Count > RecentCapacity)
                {
                    _recent.RemoveLast();
                }
            }
        }

        return entry;
    }

    public IAsyncEnumerable<LedgerEntry> ReadAsync(long fromSeq = 1, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(fromSeq, cancellationToken);

    public ValueTask DisposeAsync() => inner.DisposeAsync();

    public long Count(string kind)
    {
        lock (_lock)
        {
            return _counts.GetValueOrDefault(kind);
        }
    }

    public IReadOnlyList<LedgerEntry> Recent()
    {
        lock (_lock)
        {
            return [.. _recent];
        }
    }

    public LedgerEntry? LatestObservation(string service)
    {
        lock (_lock)
        {
            return _observations.GetValueOrDefault(service);
        }
    }
}

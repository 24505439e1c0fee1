using System.Runtime.CompilerServices;
using Lumen.Core.Ledger;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// A ledger that seals entries in memory and keeps only counts by kind: the tuner benchmark runs
/// hundreds of simulated days and needs the loop's entries (the loop folds them into its book),
/// not a file. No hash chain: nothing reads it back.
/// </summary>
internal sealed class MemoryLedgerStore(TimeProvider time) : ILedgerStore
{
    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private long _seq;

    public LedgerPosition Head => new(_seq, LedgerHash.Genesis);

    public Task<LedgerEntry> AppendAsync(LedgerDraft draft, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        _seq++;
        _counts[draft.Kind] = _counts.GetValueOrDefault(draft.Kind) + 1;
        return Task.FromResult(LedgerEntry.Of(draft, _seq, time.GetUtcNow(), LedgerHash.Genesis, LedgerHash.Genesis));
    }

    public async IAsyncEnumerable<LedgerEntry> ReadAsync(long fromSeq = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await Task.CompletedTask.ConfigureAwait(false);
        yield break;
    }

    public long Count(string kind) => _counts.GetValueOrDefault(kind);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

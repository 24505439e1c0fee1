using Lumen.Core.Publishing;

namespace Lumen.Cli.Demo;

/// <summary>
/// Publishes the loop's metrics at most once per <paramref name="every"/> of simulated time, and
/// the last snapshot on <see cref="FlushAsync"/>: a simulated day is 2,880 ticks, and an atomic
/// textfile write (fsync, rename) per tick would cost more than the loop itself.
/// </summary>
internal sealed class ThrottledSink(IMetricsSink inner, TimeProvider clock, TimeSpan every) : IMetricsSink
{
    private MetricsSnapshot? _pending;
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public async Task<PublishResult> PublishAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken)
    {
        _pending = snapshot;
        var now = clock.GetUtcNow();
        if (now - _last < every)
        {
            return PublishResult.Ok;
        }

        _last = now;
        _pending = null;
        return await inner.PublishAsync(snapshot, cancellationToken).ConfigureAwait(false);
    }

    public async Task<PublishResult> FlushAsync(CancellationToken cancellationToken) =>
        _pending is { } snapshot ? await inner.PublishAsync(snapshot, cancellationToken).ConfigureAwait(false) : PublishResult.Ok;
}

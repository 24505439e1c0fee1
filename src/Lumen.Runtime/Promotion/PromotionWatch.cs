using Lumen.Core.Policy;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Promotion;

/// <summary>
/// After a promotion with SAFE_APPLY=1: reads the service's baseline every <c>interval</c> for
/// <c>duration</c> and reports the first SLO breach (p95 or error rate above the stage SLO). Only Ok
/// readings can breach; missing or stale data never triggers a rollback (docs/loop.md) but is counted
/// and reported. The delay is injected so tests run in fake time without sleeping.
/// </summary>
public sealed class PromotionWatch(ISliSource source, TimeProvider time, Func<TimeSpan, CancellationToken, Task>? delay = null)
{
    private readonly Func<TimeSpan, CancellationToken, Task> _delay = delay ?? ((span, ct) => Task.Delay(span, time, ct));

    public async Task<WatchResult> WatchAsync(string service, Slo slo, TimeSpan duration, TimeSpan interval, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slo);
        var end = time.GetUtcNow() + duration;
        int reads = 0, unusable = 0;
        while (time.GetUtcNow() < end)
        {
            await _delay(interval, cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow();
            var snapshot = await source.ReadAsync(now, cancellationToken).ConfigureAwait(false);
            reads++;
            if (snapshot.Find(service, SliTracks.Baseline) is not { } baseline || !baseline.P95Ms.IsOk || !baseline.ErrorRate.IsOk)
            {
                unusable++;
                continue;
            }

            if (baseline.P95Ms.Value > slo.LatencyP95Ms)
            {
                return new WatchResult(true, $"baseline p95 {baseline.P95Ms.Value:0.#} ms above the SLO {slo.LatencyP95Ms} ms at {now:u}", reads, unusable);
            }

            if (baseline.ErrorRate.Value > slo.ErrorRate)
            {
                return new WatchResult(true, $"baseline error rate {baseline.ErrorRate.Value:0.####} above the SLO {slo.ErrorRate} at {now:u}", reads, unusable);
            }
        }

        return new WatchResult(false, $"no SLO breach in {reads} reading(s) ({unusable} without usable data)", reads, unusable);
    }
}

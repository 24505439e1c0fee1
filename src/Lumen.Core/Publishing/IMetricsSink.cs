namespace Lumen.Core.Publishing;

/// <summary>Where the loop's metrics go at the end of a tick (the textfile, the /metrics endpoint).</summary>
public interface IMetricsSink
{
    Task<PublishResult> PublishAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken);
}

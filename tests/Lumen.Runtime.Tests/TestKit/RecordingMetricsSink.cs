using Lumen.Core.Publishing;

namespace Lumen.Runtime.Tests.TestKit;

/// <summary>Keeps every snapshot published.</summary>
internal sealed class RecordingMetricsSink : IMetricsSink
{
    public List<MetricsSnapshot> Published { get; } = [];

    public Task<PublishResult> PublishAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken)
    {
        Published.Add(snapshot);
        return Task.FromResult(PublishResult.Ok);
    }
}

using Lumen.Adapters.Textfile;
using Lumen.Core.Publishing;

namespace Lumen.Cli.Hosting;

/// <summary>
/// The loop's metrics sink in live mode: writes <c>lumen.prom</c> (node_exporter's textfile
/// collector) and keeps the same text for <c>/metrics</c>, so both always show the same tick.
/// </summary>
internal sealed class PublishedMetrics(TextfilePublisher textfile) : IMetricsSink
{
    private string _text = "";

    /// <summary>The exposition text of the last tick; empty before the first.</summary>
    public string Text => Volatile.Read(ref _text);

    public string TextfilePath => textfile.FilePath;

    public async Task<PublishResult> PublishAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken)
    {
        Volatile.Write(ref _text, PrometheusTextFormatter.Format(snapshot));
        return await textfile.PublishAsync(snapshot, cancellationToken).ConfigureAwait(false);
    }
}

using System.Text;
using Lumen.Adapters.FileSystem;
using Lumen.Core.Publishing;

namespace Lumen.Adapters.Textfile;

/// <summary>
/// Writes the metrics for node_exporter's textfile collector (docs/metrics.md, docs/metrics.md):
/// <c>lumen.prom</c> in <paramref name="directory"/>, replaced atomically each tick (temp file named
/// <c>.lumen.prom.*.tmp</c> in the same directory, so the collector's <c>*.prom</c> glob never
/// sees it, then rename). node_exporter adds the scrape time itself, so no sample has a timestamp.
/// </summary>
public sealed class TextfilePublisher(string directory, string fileName = TextfilePublisher.DefaultFileName) : IMetricsSink
{
    public const string DefaultFileName = "lumen.prom";

    public string FilePath { get; } = Path.Combine(directory, fileName);

    public async Task<PublishResult> PublishAsync(MetricsSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var text = PrometheusTextFormatter.Format(snapshot);
        try
        {
            await AtomicFile.WriteAllBytesAsync(FilePath, Encoding.UTF8.GetBytes(text), cancellationToken).ConfigureAwait(false);
            return PublishResult.Ok;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return PublishResult.Failed($"writing {FilePath} failed: {ex.Message}");
        }
    }
}

namespace Lumen.Adapters.Thresholds;

/// <summary>
/// The PromQL templates of one service (from services.yaml) that the recording rules instantiate:
/// the SLO alerts read the services' own metrics, so they keep working when Lumen is down.
/// </summary>
/// <param name="Name">The service name (the value of the <c>service</c> label).</param>
/// <param name="Window">The service's SLI window, a Prometheus duration such as <c>5m</c>.</param>
/// <param name="P95MsTemplate">The p95 latency template, in milliseconds.</param>
/// <param name="ErrorRateTemplate">The error ratio template (0..1).</param>
internal sealed record ServiceSliQueries(string Name, string Window, string P95MsTemplate, string ErrorRateTemplate);

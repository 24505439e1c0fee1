using System.ComponentModel;
using Lumen.Adapters.Prometheus;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Canary;

/// <summary>
/// The arguments <c>lumen canary export</c> and the live <c>lumen canary check</c> share: which stage,
/// service and window to read from Prometheus, and the metric names (docs/canary-records.md).
/// </summary>
internal abstract class CanaryWindowSettings : CommandSettings
{
    [CommandOption("--stage <STAGE>")]
    [Description("The stage: its Prometheus endpoint, interval, canary policy and SLO (else LUMEN_STAGE).")]
    public string? Stage { get; init; }

    [CommandOption("--service <NAME>")]
    [Description("The service (default: every service of services.yaml for export; the only one for check).")]
    public string? Service { get; init; }

    [CommandOption("--config-dir <DIR>")]
    [Description("The configuration directory (else LUMEN_CONFIG_DIR, else config).")]
    public string? ConfigDir { get; init; }

    [CommandOption("--since <TIME>")]
    [Description("Start of the window read from Prometheus: RFC 3339, or a duration before now (90s, 30m, 2h, 1d).")]
    public string? Since { get; init; }

    [CommandOption("--until <TIME>")]
    [Description("End of the window: RFC 3339, or a duration before now (default now).")]
    public string? Until { get; init; }

    [CommandOption("--step <DURATION>")]
    [Description("One interval (whole seconds, e.g. 30s; default the stage's interval_seconds).")]
    public string? Step { get; init; }

    [CommandOption("--latency-metric <NAME>")]
    [Description("The latency histogram's base name (_bucket is appended).")]
    [DefaultValue(IntervalExportOptions.DefaultLatencyMetric)]
    public string LatencyMetric { get; init; } = IntervalExportOptions.DefaultLatencyMetric;

    [CommandOption("--errors-metric <NAME>")]
    [Description("The counter of failed requests.")]
    [DefaultValue(IntervalExportOptions.DefaultErrorsMetric)]
    public string ErrorsMetric { get; init; } = IntervalExportOptions.DefaultErrorsMetric;
}

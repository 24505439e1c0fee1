using System.ComponentModel;
using Lumen.Cli.Hosting;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Run;

/// <summary>Options of <c>lumen run</c> (docs/live.md, "lumen run").</summary>
internal sealed class RunSettings : CommandSettings
{
    [CommandOption("--stage <STAGE>")]
    [Description("The stage to run (default: $LUMEN_STAGE). Required one way or the other.")]
    public string? Stage { get; init; }

    [CommandOption("--once")]
    [Description("One tick, then exit (for cron and scripts); no HTTP endpoints.")]
    public bool Once { get; init; }

    [CommandOption("--standby")]
    [System.ComponentModel.Description("When another controller holds a target's lease: keep running without acting on it and take it over once the lease lapses (default: exit 8).")]
    public bool Standby { get; init; }

    [CommandOption("--port <PORT>")]
    [Description("Port of /metrics, /healthz and /readyz (default 9478).")]
    [DefaultValue(RunHost.DefaultPort)]
    public int Port { get; init; } = RunHost.DefaultPort;

    [CommandOption("--listen <ADDRESS>")]
    [Description("IP address the endpoints bind (default: $LUMEN_LISTEN_ADDRESS, else 127.0.0.1; 0.0.0.0 in a container, or where Flagger or Argo Rollouts must reach it: docs/rollout-tools.md).")]
    public string? Listen { get; init; }

    [CommandOption("--config-dir <DIR>")]
    [Description("The config directory (default: $LUMEN_CONFIG_DIR, else ./config).")]
    public string? ConfigDir { get; init; }

    [CommandOption("--state-dir <DIR>")]
    [Description("Ledger, snapshot, models and lumen.prom (default: $LUMEN_STATE_DIR, else ./state).")]
    public string? StateDir { get; init; }

    public override ValidationResult Validate() =>
        Port is < 1 or > 65535 ? ValidationResult.Error($"--port must be in 1..65535, not {Port}")
        : Listen is not null && !System.Net.IPAddress.TryParse(Listen, out _) ? ValidationResult.Error($"--listen must be an IP address (127.0.0.1, 0.0.0.0, ::), not '{Listen}'")
        : ValidationResult.Success();
}

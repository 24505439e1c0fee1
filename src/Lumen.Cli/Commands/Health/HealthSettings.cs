using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Health;

/// <summary>Options of <c>lumen health</c>.</summary>
internal sealed class HealthSettings : CommandSettings
{
    [CommandOption("--stage <STAGE>")]
    [Description("The stage to check (default: $LUMEN_STAGE).")]
    public string? Stage { get; init; }

    [CommandOption("--config-dir <DIR>")]
    [Description("The config directory (default: $LUMEN_CONFIG_DIR, else ./config).")]
    public string? ConfigDir { get; init; }

    [CommandOption("--state-dir <DIR>")]
    [Description("Where the ledger and lumen.prom are (default: $LUMEN_STATE_DIR, else ./state).")]
    public string? StateDir { get; init; }

    [CommandOption("--json")]
    [Description("Print the checks as JSON instead of a table.")]
    public bool Json { get; init; }

    [CommandOption("--timeout <SECONDS>")]
    [Description("Limit of each network check (default 5).")]
    [DefaultValue(5.0)]
    public double TimeoutSeconds { get; init; } = 5;

    public override ValidationResult Validate() =>
        TimeoutSeconds is > 0 and <= 300 ? ValidationResult.Success() : ValidationResult.Error("--timeout must be in (0, 300] seconds");
}

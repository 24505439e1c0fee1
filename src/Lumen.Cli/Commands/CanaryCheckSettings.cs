using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands;

/// <summary>Arguments of <c>lumen canary check</c>; checked in the command so bad values exit with <see cref="ExitCodes.BadInput"/>.</summary>
internal sealed class CanaryCheckSettings : CommandSettings
{
    [CommandOption("--stage <STAGE>")]
    [Description("The stage whose canary policy and SLO apply (else LUMEN_STAGE).")]
    public string? Stage { get; init; }

    [CommandOption("--from <FILE>")]
    [Description("Interval records (JSON Lines, docs/canary-records.md) to replay instead of reading Prometheus.")]
    public string? From { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Where to write the report (default canary_report.json).")]
    [DefaultValue("canary_report.json")]
    public string Out { get; init; } = "canary_report.json";

    [CommandOption("--service <NAME>")]
    [Description("The service to judge when the records hold more than one.")]
    public string? Service { get; init; }

    [CommandOption("--config-dir <DIR>")]
    [Description("The configuration directory (else LUMEN_CONFIG_DIR, else config).")]
    public string? ConfigDir { get; init; }

    [CommandOption("--no-ledger")]
    [Description("Do not write the decision to the ledger (a what-if replay of a policy on history).")]
    public bool NoLedger { get; init; }
}

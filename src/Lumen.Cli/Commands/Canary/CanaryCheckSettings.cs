using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Canary;

/// <summary>Arguments of <c>lumen canary check</c>; checked in the command so bad values exit with <see cref="ExitCodes.BadInput"/>.</summary>
internal sealed class CanaryCheckSettings : CanaryWindowSettings
{
    [CommandOption("--from <FILE>")]
    [Description("Interval records (JSON Lines, docs/canary-records.md) to replay instead of reading Prometheus; without it the window --since (default 30m) is exported beside the report as canary_records.jsonl and judged.")]
    public string? From { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("Where to write the report (default $LUMEN_STATE_DIR/canary_report.json, ./state when unset: where the console and promote look).")]
    public string? Out { get; init; }

    [CommandOption("--no-ledger")]
    [Description("Do not write the decision to the ledger (a what-if replay of a policy on history).")]
    public bool NoLedger { get; init; }
}

using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Canary;

/// <summary>Arguments of <c>lumen canary promote</c> (docs/promotion.md).</summary>
internal sealed class CanaryPromoteSettings : CommandSettings
{
    [CommandOption("--stage <STAGE>")]
    [Description("The stage (else LUMEN_STAGE).")]
    public string? Stage { get; init; }

    [CommandOption("--service <NAME>")]
    [Description("The service (else the one the canary report names).")]
    public string? Service { get; init; }

    [CommandOption("--report <FILE>")]
    [Description("The canary report that justifies the promotion (default $LUMEN_STATE_DIR/canary_report.json, ./state when unset).")]
    public string? Report { get; init; }

    [CommandOption("--expires <DURATION>")]
    [Description("How long an approval request stays open (default 1h; no answer means no).")]
    [DefaultValue("1h")]
    public string Expires { get; init; } = "1h";

    [CommandOption("--watch <DURATION>")]
    [Description("With SAFE_APPLY=1: how long to watch after applying (default: the stage's watch_minutes; 0s skips).")]
    public string? Watch { get; init; }

    [CommandOption("--watch-interval <DURATION>")]
    [Description("With SAFE_APPLY=1: how often to read the SLIs while watching (default: the stage's interval).")]
    public string? WatchInterval { get; init; }

    [CommandOption("--config-dir <DIR>")]
    [Description("The configuration directory (else LUMEN_CONFIG_DIR, else config).")]
    public string? ConfigDir { get; init; }

    [CommandOption("--ledger-file <FILE>")]
    [Description("The ledger (else $LUMEN_STATE_DIR/proof_ledger.jsonl).")]
    public string? LedgerFile { get; init; }
}

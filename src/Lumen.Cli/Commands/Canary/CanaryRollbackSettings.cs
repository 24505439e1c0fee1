using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Canary;

/// <summary>Arguments of <c>lumen canary rollback</c> (docs/promotion.md).</summary>
internal sealed class CanaryRollbackSettings : CommandSettings
{
    [CommandOption("--stage <STAGE>")]
    [Description("The stage (else LUMEN_STAGE).")]
    public string? Stage { get; init; }

    [CommandOption("--service <NAME>")]
    [Description("Only this service (default: every service with a baseline executor).")]
    public string? Service { get; init; }

    [CommandOption("--config-dir <DIR>")]
    [Description("The configuration directory (else LUMEN_CONFIG_DIR, else config).")]
    public string? ConfigDir { get; init; }

    [CommandOption("--ledger-file <FILE>")]
    [Description("The ledger (else $LUMEN_STATE_DIR/proof_ledger.jsonl).")]
    public string? LedgerFile { get; init; }
}

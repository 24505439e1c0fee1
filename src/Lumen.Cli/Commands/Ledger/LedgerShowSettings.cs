using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Ledger;

internal sealed class LedgerShowSettings : CommandSettings
{
    [CommandArgument(0, "[LEDGER_FILE]")]
    [Description("The ledger (default: $LUMEN_STATE_DIR/proof_ledger.jsonl).")]
    public string? LedgerFile { get; init; }

    [CommandOption("--kind <KIND>")]
    [Description("Only this kind; a trailing * matches a prefix (adjustment.*).")]
    public string? Kind { get; init; }

    [CommandOption("--service <SERVICE>")]
    [Description("Only entries of this service.")]
    public string? Service { get; init; }

    [CommandOption("--since <TIME>")]
    [Description("Only entries at or after TIME: RFC 3339 (2025-11-25T18:00:00Z) or a duration before now (90s, 30m, 2h, 1.5d).")]
    public string? Since { get; init; }

    [CommandOption("--json")]
    [Description("Print the raw JSON lines instead of a table.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Since is not null && !LedgerSince.TryParse(Since, DateTimeOffset.UnixEpoch, out _)
            ? ValidationResult.Error($"--since: '{Since}' is neither an RFC 3339 time nor a duration like 2h")
            : ValidationResult.Success();
}

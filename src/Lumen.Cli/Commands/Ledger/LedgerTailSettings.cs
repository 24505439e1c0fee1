using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Ledger;

internal sealed class LedgerTailSettings : CommandSettings
{
    [CommandArgument(0, "[LEDGER_FILE]")]
    [Description("The ledger (default: $LUMEN_STATE_DIR/proof_ledger.jsonl).")]
    public string? LedgerFile { get; init; }

    [CommandOption("-n|--lines <N>")]
    [Description("How many of the last entries to show (default 20).")]
    [DefaultValue(20)]
    public int Lines { get; init; } = 20;

    [CommandOption("--json")]
    [Description("Print the raw JSON lines instead of a table.")]
    public bool Json { get; init; }

    public override ValidationResult Validate() =>
        Lines < 1 ? ValidationResult.Error("-n must be at least 1") : ValidationResult.Success();
}

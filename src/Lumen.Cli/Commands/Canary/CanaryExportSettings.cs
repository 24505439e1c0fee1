using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Canary;

/// <summary>Arguments of <c>lumen canary export</c>; checked in the command so bad values exit with <see cref="ExitCodes.BadInput"/>.</summary>
internal sealed class CanaryExportSettings : CanaryWindowSettings
{
    [CommandOption("--out <FILE>")]
    [Description("Where to write the records (default $LUMEN_STATE_DIR/canary_records.jsonl, ./state when unset); replaced atomically.")]
    public string? Out { get; init; }
}

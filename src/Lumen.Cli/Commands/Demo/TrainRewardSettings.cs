using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Demo;

/// <summary>Arguments of <c>lumen train-reward</c>.</summary>
internal sealed class TrainRewardSettings : CommandSettings
{
    [CommandOption("--ledger <FILE>")]
    [Description("The ledger to read. Default: $LUMEN_STATE_DIR/proof_ledger.jsonl, else ./state/proof_ledger.jsonl if it exists, else ./out/demo/proof_ledger.jsonl.")]
    public string? Ledger { get; init; }

    [CommandOption("--out <FILE>")]
    [Description("The model file. Default: models/reward.json in the ledger's state directory (where the loop reads it).")]
    public string? Out { get; init; }

    [CommandOption("--ridge <LAMBDA>")]
    [Description("The ridge penalty (> 0). Default 1.")]
    [DefaultValue(1.0)]
    public double Ridge { get; init; } = 1.0;
}

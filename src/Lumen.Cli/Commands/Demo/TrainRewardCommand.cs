using System.Globalization;
using System.Text;
using Lumen.Adapters.FileSystem;
using Lumen.Core.Policy;
using Lumen.Reports.Ledger;
using Lumen.Runtime.Training;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Demo;

/// <summary>
/// <c>lumen train-reward [--ledger FILE] [--out FILE] [--ridge λ]</c>: fits the reward model on the
/// ledger's <c>reward.observed</c> entries, prints the held-out error and writes the model
/// atomically. Too few samples: a message, exit 2, nothing written.
/// </summary>
internal sealed class TrainRewardCommand(IAnsiConsole console, IEnvironmentVariables environment) : AsyncCommand<TrainRewardSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, TrainRewardSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!(settings.Ridge > 0) || !double.IsFinite(settings.Ridge))
        {
            console.MarkupLineInterpolated($"[red]lumen train-reward:[/] --ridge must be a number > 0, not {settings.Ridge}.");
            return ExitCodes.BadInput;
        }

        var ledger = LedgerPaths.Resolve(settings.Ledger, environment);
        var output = settings.Out ?? Path.Combine(LedgerPaths.DirectoryOf(ledger), RewardTrainer.ModelFile);
        var read = LedgerEntryFile.Read(ledger);
        if (!read.IsOk)
        {
            console.MarkupLineInterpolated($"[red]lumen train-reward:[/] {read.Error}");
            return ExitCodes.BadInput;
        }

        var result = RewardTrainer.Train(read.Entries, settings.Ridge);
        if (!result.IsOk)
        {
            console.MarkupLineInterpolated($"[red]lumen train-reward:[/] {result.Error}");
            return ExitCodes.BadInput;
        }

        var table = new Table().AddColumns("arm", "samples");
        foreach (var arm in result.Arms)
        {
            table.AddRow(Markup.Escape(arm.Arm), arm.Samples.ToString(CultureInfo.InvariantCulture));
        }

        console.MarkupLineInterpolated(CultureInfo.InvariantCulture,
            $"fitted {result.Samples} rewards (d = {result.Dimension}, ridge {settings.Ridge}, {result.Skipped} skipped) from {ledger}");
        console.Write(table);
        console.MarkupLine(result.HeldOutCount is { } n
            ? string.Create(CultureInfo.InvariantCulture,
                $"held-out error on the last {n} rewards (fitted on the earlier ones): RMSE {result.HeldOutRmse:0.0000}, R² {(result.HeldOutR2 is { } r2 ? r2.ToString("0.000", CultureInfo.InvariantCulture) : "n/a (all equal)")}")
            : "held-out error: none (too few samples to hold any out)");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(output))!);
        await AtomicFile.WriteAllBytesAsync(output, Encoding.UTF8.GetBytes(result.ModelJson!), cancellationToken).ConfigureAwait(false);
        console.MarkupLineInterpolated($"wrote [green]{output}[/] (the loop mixes it in with reward_mix_lambda)");
        return ExitCodes.Ok;
    }
}

using Lumen.Adapters.LedgerStore;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Ledger;

/// <summary><c>lumen ledger tail [-n N] [--json]</c>: the last N entries.</summary>
internal sealed class LedgerTailCommand(IAnsiConsole console, IEnvironmentVariables env) : Command<LedgerTailSettings>
{
    public override int Execute(CommandContext context, LedgerTailSettings settings, CancellationToken cancellationToken)
    {
        var path = LedgerLocation.LedgerPath(settings.LedgerFile, env);
        if (!File.Exists(path))
        {
            console.MarkupLineInterpolated($"[red]error[/]: ledger file not found: {path}");
            return ExitCodes.BadInput;
        }

        var last = new Queue<LedgerFileReader.Line>(settings.Lines);
        foreach (var line in LedgerFileReader.Read(path))
        {
            if (last.Count == settings.Lines)
            {
                last.Dequeue();
            }

            last.Enqueue(line);
        }

        LedgerTable.Write(console, last, settings.Json, env);
        return ExitCodes.Ok;
    }
}

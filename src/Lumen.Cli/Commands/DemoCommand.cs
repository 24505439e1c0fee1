using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands;

internal sealed class DemoCommand(IAnsiConsole console) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        console.MarkupLine("[yellow]lumen demo: not yet.[/] The embedded simulator arrives with issue 5.");
        return ExitCodes.NotYet;
    }
}

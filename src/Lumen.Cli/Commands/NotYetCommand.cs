using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands;

/// <summary>A command that is planned but not built: it says so, names the issue that brings it, and
/// exits with <see cref="ExitCodes.NotYet"/>. It never pretends to work.</summary>
internal sealed class NotYetCommand(IAnsiConsole console) : Command<NotYetCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--stage <STAGE>")]
        [Description("The stage (accepted so scripts can already call the command).")]
        public string? Stage { get; init; }

        [CommandOption("--once")]
        [Description("One tick, then exit.")]
        public bool Once { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var issue = context.Data as string ?? "a later issue";
        console.MarkupLineInterpolated($"[yellow]lumen {context.Name}: not yet.[/] It arrives with {issue}.");
        return ExitCodes.NotYet;
    }
}

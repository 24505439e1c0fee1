using System.Reflection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Release;

internal sealed class VersionCommand(IAnsiConsole console) : Command
{
    /// <summary>What <c>lumen version</c> prints: <c>lumen VERSION+COMMIT</c>.</summary>
    public static string Text { get; } = "lumen " + (typeof(VersionCommand).Assembly
        .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown");

    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        console.WriteLine(Text);
        return ExitCodes.Ok;
    }
}

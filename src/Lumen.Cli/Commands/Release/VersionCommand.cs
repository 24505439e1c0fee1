using System.Reflection;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Release;

internal sealed class VersionCommand(IAnsiConsole console) : Command
{
    public override int Execute(CommandContext context, CancellationToken cancellationToken)
    {
        var version = typeof(VersionCommand).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        console.WriteLine($"lumen {version}");
        return ExitCodes.Ok;
    }
}

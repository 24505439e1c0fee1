using Lumen.Cli;
using Lumen.Cli.Commands.Release;

// `lumen --version` and `lumen version` print one line and need nothing else: they are answered
// before the command tree is built (about a quarter of the native binary's start-up; docs/benchmarks.md,
// "Start-up"). Every other command, and these with any other argument, go through the CLI.
if (args is ["--version"] or ["version"])
{
    Console.Out.WriteLine(VersionCommand.Text);
    return ExitCodes.Ok;
}

return LumenApp.Run(args);

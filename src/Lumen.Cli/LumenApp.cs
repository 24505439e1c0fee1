using Lumen.Cli.Commands;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli;

/// <summary>The composition root: every command of the <c>lumen</c> CLI is registered here.</summary>
internal static class LumenApp
{
    public static int Run(string[] args, IAnsiConsole? console = null)
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("lumen");
            if (console is not null)
            {
                config.ConfigureConsole(console);
            }

            config.Settings.StrictParsing = true;
            config.AddCommand<VersionCommand>("version")
                .WithDescription("Print Lumen's version.");
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("Run the whole loop on the embedded simulator (not yet: issue 5).");
            config.AddCommand<MapCommand>("map")
                .WithDescription("Show how Lumen reads a traffic trace: load, phase and rhythm per point.");
        });
        return app.Run(args);
    }
}

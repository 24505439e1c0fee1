using Lumen.Adapters.Config;
using Lumen.Cli.Commands;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli;

/// <summary>The composition root: every command of the <c>lumen</c> CLI is registered here.</summary>
internal static class LumenApp
{
    public static int Run(string[] args, IAnsiConsole? console = null, IEnvironmentVariables? environment = null)
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
            config.Settings.Registrar.RegisterInstance<IEnvironmentVariables>(environment ?? ProcessEnvironmentVariables.Instance);
            config.AddCommand<VersionCommand>("version")
                .WithDescription("Print Lumen's version.");
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("Run the whole loop on the embedded simulator (not yet: issue 5).");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("Write LUMEN_DEMO_REPORT.md (and its charts) from a ledger; exit 1 when the ledger does not verify.");
            config.AddCommand<DashCommand>("dash")
                .WithDescription("Draw PNG charts of a ledger into reports/.");
            config.AddCommand<TrainRewardCommand>("train-reward")
                .WithDescription("Fit the reward model on the ledger's rewards; write models/reward.json (exit 2 with too few samples).");
            config.AddCommand<ValidateCommand>("validate")
                .WithDescription("Check the config files and environment overrides (exit 2 when invalid). Writes nothing.");
            config.AddCommand<MapCommand>("map")
                .WithDescription("Show how Lumen reads a traffic trace: load, phase and rhythm per point.");
        });
        return app.Run(args);
    }
}

using System.ComponentModel;
using Lumen.Adapters.Config;
using Lumen.Adapters.FileSystem;
using Lumen.Adapters.Output;
using Lumen.Adapters.Params;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Config;

/// <summary>
/// <c>lumen params STAGE</c>: writes <c>.env.STAGE</c> (atomically) with the stage's endpoints, policy,
/// SLO and canary values, environment overrides applied, and prints the same as <c>export</c> lines on
/// stdout, so <c>eval "$(lumen params dev)"</c> works; everything meant for people goes to stderr.
/// </summary>
internal sealed class ParamsCommand(IAnsiConsole console, IEnvironmentVariables env) : Command<ParamsCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandArgument(0, "<STAGE>")]
        [Description("The stage, a key of `stages` in stage_matrix.yaml (dev, staging, prod in the example).")]
        public string Stage { get; init; } = "";

        [CommandOption("--out <FILE>")]
        [Description("Where to write the .env file (default: .env.STAGE in the current directory).")]
        public string? Out { get; init; }

        [CommandOption("--config-dir <DIR>")]
        [Description("The config directory (default: $LUMEN_CONFIG_DIR, else ./config).")]
        public string? ConfigDir { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stderr = Console.Error;
        var loaded = SettingsLoader.Load(env, settings.ConfigDir, settings.Stage);
        if (!loaded.IsValid || loaded.Settings!.Stage is null)
        {
            foreach (var error in loaded.Errors)
            {
                stderr.WriteLine(error.ToString());
            }

            stderr.WriteLine("lumen params: the configuration is invalid; nothing was written.");
            return ExitCodes.BadInput;
        }

        var s = loaded.Settings;
        var variables = StageParameters.Build(s);
        var path = string.IsNullOrEmpty(settings.Out) ? $".env.{s.Stage!.Name}" : settings.Out;
        try
        {
            AtomicFile.Write(path, EnvFileRenderer.EnvFile(s.Stage!.Name, variables));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"lumen params: could not write {path}: {ex.Message}");
            return ExitCodes.RuntimeError;
        }

        console.Profile.Out.Writer.Write(EnvFileRenderer.Exports(variables));
        stderr.WriteLine($"lumen params: wrote {path} ({variables.Length} variables, stage {s.Stage!.Name}); "
            + $"load them with: eval \"$(lumen params {s.Stage.Name})\"");
        return ExitCodes.Ok;
    }
}

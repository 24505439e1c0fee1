using Lumen.Adapters.Config;
using Lumen.Adapters.Output;
using Lumen.Adapters.Thresholds;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Config;

/// <summary>
/// <c>lumen thresholds sync STAGE</c>: generates the stage's Prometheus rules (and their promtool unit
/// tests), its Alertmanager config (whole, and as a snippet to merge), and merges its managed rules into feedback_rules.yaml. All files are
/// made in memory first; nothing is written when the config is invalid. Each write is atomic, and an
/// unchanged file is not touched. docs/alerting.md.
/// </summary>
internal sealed class ThresholdsSyncCommand(IAnsiConsole console, IEnvironmentVariables env) : Command<ThresholdsSyncSettings>
{
    public override int Execute(CommandContext context, ThresholdsSyncSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var stderr = Console.Error;
        var stdout = console.Profile.Out.Writer;
        var loaded = SettingsLoader.Load(env, settings.ConfigDir, settings.Stage);
        if (!loaded.IsValid || loaded.Settings!.Stage is null)
        {
            foreach (var error in loaded.Errors)
            {
                stderr.WriteLine(error.ToString());
            }

            stderr.WriteLine("lumen thresholds sync: the configuration is invalid; nothing was written.");
            return ExitCodes.BadInput;
        }

        var s = loaded.Settings;
        var source = Path.Combine(s.ConfigDir, ConfigFiles.FeedbackRules);
        var options = new ThresholdsSyncOptions(
            settings.OutDir ?? ".",
            settings.OutDir is null ? source : Path.Combine(settings.OutDir, "config", ConfigFiles.FeedbackRules),
            settings.SlackUrlFile,
            settings.RunbookBase,
            settings.Pager,
            settings.PagerKeyFile);
        try
        {
            var plan = ThresholdsSync.Plan(s, options, File.ReadAllText(source));
            if (plan.Error is not null)
            {
                stderr.WriteLine(plan.Error);
                stderr.WriteLine("lumen thresholds sync: nothing was written.");
                return ExitCodes.BadInput;
            }

            foreach (var warning in plan.Warnings)
            {
                stderr.WriteLine($"warning: {warning}");
            }

            Apply(plan.Files, settings.DryRun, stdout);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"lumen thresholds sync: {ex.Message}");
            return ExitCodes.RuntimeError;
        }

        return ExitCodes.Ok;
    }

    /// <summary>Writes the generated files (each atomically; an unchanged one is not touched), or with <c>--dry-run</c> prints a diff per file.</summary>
    private static void Apply(IEnumerable<GeneratedFile> files, bool dryRun, TextWriter stdout)
    {
        if (dryRun)
        {
            foreach (var file in files)
            {
                var change = GeneratedFiles.Compare(file);
                stdout.WriteLine($"would {Verb(change, dryRun: true)} {file.Path}");
                stdout.Write(GeneratedFiles.Diff(file));
            }

            return;
        }

        foreach (var (file, change) in GeneratedFiles.WriteAll(files))
        {
            stdout.WriteLine($"{Verb(change, dryRun: false)} {file.Path}");
        }
    }

    private static string Verb(FileChange change, bool dryRun) => (change, dryRun) switch
    {
        (FileChange.Created, true) => "create",
        (FileChange.Updated, true) => "update",
        (FileChange.Unchanged, true) => "leave unchanged",
        (FileChange.Created, false) => "created",
        (FileChange.Updated, false) => "updated",
        _ => "unchanged",
    };
}

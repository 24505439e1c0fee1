using System.ComponentModel;
using Lumen.Adapters.Config;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Config;

/// <summary><c>lumen validate</c>: checks the four config files and the environment overrides, prints
/// OK with a summary or every error as <c>file:line:column: key: message</c>. Writes nothing.</summary>
internal sealed class ValidateCommand(IAnsiConsole console, IEnvironmentVariables env) : Command<ValidateCommand.Settings>
{
    internal sealed class Settings : CommandSettings
    {
        [CommandOption("--config-dir <DIR>")]
        [Description("The config directory (default: $LUMEN_CONFIG_DIR, else ./config).")]
        public string? ConfigDir { get; init; }

        [CommandOption("--stage <STAGE>")]
        [Description("Also check that this stage exists and has a canary policy (default: $LUMEN_STAGE, if set).")]
        public string? Stage { get; init; }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var result = SettingsLoader.Load(env, settings.ConfigDir, settings.Stage);
        if (!result.IsValid)
        {
            foreach (var error in result.Errors)
            {
                console.Profile.Out.Writer.WriteLine(error.ToString());
            }

            console.Profile.Out.Writer.WriteLine($"{result.Errors.Length} error{(result.Errors.Length == 1 ? "" : "s")}: configuration is invalid");
            return ExitCodes.BadInput;
        }

        var s = result.Settings!;
        foreach (var line in Summary(s))
        {
            console.Profile.Out.Writer.WriteLine(line);
        }

        return ExitCodes.Ok;
    }

    private static IEnumerable<string> Summary(LumenSettings s)
    {
        var c = s.Config;
        var dir = s.ConfigDir;
        yield return $"OK {dir}";
        yield return $"  {ConfigFiles.StageMatrix}: {Count(c.StageMatrix.Stages.Length, "stage")} ({string.Join(", ", c.StageMatrix.Stages.Select(x => x.Name))})";
        var knobs = c.Services.Services.Sum(x => x.Knobs.Length);
        yield return $"  {ConfigFiles.Services}: {Count(c.Services.Services.Length, "service")} ({string.Join(", ", c.Services.Services.Select(x => x.Name))}), {Count(knobs, "knob")}";
        yield return $"  {ConfigFiles.CanaryPolicy}: {Count(c.CanaryPolicy.Stages.Length, "stage")} ({string.Join(", ", c.CanaryPolicy.Stages.Select(x => x.Stage))})";
        var managed = c.FeedbackRules.Rules.Count(r => r.Managed);
        yield return $"  {ConfigFiles.FeedbackRules}: {Count(c.FeedbackRules.Rules.Length, "rule")} ({managed} managed)";
        if (s.Stage is { } stage)
        {
            var p = stage.Policy;
            yield return $"  stage {stage.Name}: prometheus {stage.Endpoints.Prometheus}, dry_run {Flag(p.DryRun)}, "
                + $"approval_required {Flag(p.ApprovalRequired)}, reward_mix_lambda {ConfigText.Number(p.RewardMixLambda)}, "
                + $"safe_apply {Flag(s.Env.SafeApply ?? false)} (environment overrides applied)";
        }
    }

    private static string Count(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    private static string Flag(bool b) => b ? "1" : "0";
}

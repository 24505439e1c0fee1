using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Bench;

/// <summary>Arguments of <c>lumen bench canary</c>.</summary>
internal sealed class BenchCanarySettings : CommandSettings
{
    [CommandOption("--seeds <N>")]
    [Description("Runs per scenario (default 100).")]
    [DefaultValue(100)]
    public int Seeds { get; init; } = 100;

    [CommandOption("--max-intervals <N>")]
    [Description("Intervals per run (the policy's max_intervals; default 180).")]
    [DefaultValue(180)]
    public int MaxIntervals { get; init; } = 180;

    [CommandOption("--suite <NAME>")]
    [Description("all (default), corpus (the NYC-taxi corpus against Kayenta and Flagger) or clustered (clustered errors and pauses, with the oracle SPRT).")]
    [DefaultValue("all")]
    public string Suite { get; init; } = "all";

    [CommandOption("--generated-intervals <N>")]
    [Description("Intervals per run of the clustered suite's generated records (default 240, 2 h of 30 s intervals).")]
    [DefaultValue(240)]
    public int GeneratedIntervals { get; init; } = 240;

    [CommandOption("--scenario <TEXT>")]
    [Description("Run only the scenarios whose name contains TEXT (case-insensitive; default: all).")]
    public string? Scenario { get; init; }

    [CommandOption("--json")]
    [Description("Print the results as JSON instead of a table.")]
    public bool Json { get; init; }
}

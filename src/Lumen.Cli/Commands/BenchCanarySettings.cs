using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands;

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

    [CommandOption("--json")]
    [Description("Print the results as JSON instead of a table.")]
    public bool Json { get; init; }
}

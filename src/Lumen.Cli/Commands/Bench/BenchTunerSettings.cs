using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Bench;

/// <summary>Arguments of <c>lumen bench tuner</c>.</summary>
internal sealed class BenchTunerSettings : CommandSettings
{
    [CommandOption("--env <NAME>")]
    [Description("Environment (shipped name or YAML path); repeat for several. Default: every shipped environment.")]
    public string[] Env { get; init; } = [];

    [CommandOption("--seeds <N>")]
    [Description("Seeds per environment (default 10).")]
    [DefaultValue(10)]
    public int Seeds { get; init; } = 10;

    [CommandOption("--days <D>")]
    [Description("Simulated days per run, more than 0 and at most 7 (fractions allowed; default 2).")]
    [DefaultValue(2.0)]
    public double Days { get; init; } = 2.0;

    [CommandOption("--policy <NAME>")]
    [Description("Policy to run (static, random, epsilon-greedy, linucb, conservative-linucb, oracle, lumen); repeat for several. Default: all.")]
    public string[] Policy { get; init; } = [];

    [CommandOption("--parallel <N>")]
    [Description("Runs at once (default: the number of cores).")]
    public int? Parallel { get; init; }

    [CommandOption("--json")]
    [Description("Print the results as JSON instead of a table.")]
    public bool Json { get; init; }
}

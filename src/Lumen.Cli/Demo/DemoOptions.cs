namespace Lumen.Cli.Demo;

/// <summary>What <c>lumen demo</c> runs: the environment (name or path), simulated days, seed, output folder, and whether the last act follows the tuning.</summary>
internal sealed record DemoOptions(string Environment, double Days, ulong Seed, string OutputDirectory, bool LastAct = true);

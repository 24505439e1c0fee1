namespace Lumen.Cli.Demo;

/// <summary>What <c>lumen demo</c> runs: the environment (name or path), simulated days, seed and output folder.</summary>
internal sealed record DemoOptions(string Environment, double Days, ulong Seed, string OutputDirectory);

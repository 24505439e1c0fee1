namespace Lumen.Cli.Demo;

/// <summary>What <c>lumen demo</c> runs: the environment (name or path), simulated days, seed, output folder, and whether the last act follows the tuning.</summary>
/// <param name="Ask">With <c>--interactive</c>: asked at the terminal (service, the plan in words) whether to
/// approve a promotion; without it the demo approver grants every request.</param>
/// <param name="Approver">Who decides (recorded in the ledger).</param>
internal sealed record DemoOptions(string Environment, double Days, ulong Seed, string OutputDirectory, bool LastAct = true,
    Func<string, string, bool>? Ask = null, string Approver = DemoLastAct.Approver)
{
    /// <summary>The tuner the loop runs (default the value-level tuner).</summary>
    public Runtime.Loop.TunerKind Tuner { get; init; } = Runtime.Loop.TunerKind.Lumen;
}

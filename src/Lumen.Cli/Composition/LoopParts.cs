namespace Lumen.Cli.Composition;

/// <summary>
/// Builds the control loop's parts, in one place for every command that runs or inspects a loop
/// (docs/architecture.md, "The CLI: commands by concern"). On the simulator (<c>lumen demo</c>,
/// <c>lumen bench loop</c>, <c>lumen bench tuner</c>): the world's SLI source and <c>sim</c> executors on
/// both tracks, with the simulated clock. Live (<c>lumen run</c>, <c>lumen demo --live</c>, <c>lumen health</c>):
/// the executors of <c>services.yaml</c> (the canary's target leased when the loop acts), the Prometheus
/// SLI source and the stage's coordinator. The callers keep what is theirs: the ledger, the metrics
/// sink and the loop's options beyond the shared defaults.
/// </summary>
internal static partial class LoopParts;

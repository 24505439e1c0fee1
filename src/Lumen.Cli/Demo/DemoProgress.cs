using Lumen.Simulator.World;

namespace Lumen.Cli.Demo;

/// <summary>Where a demo run stands, for the live view and the progress lines.</summary>
internal sealed record DemoProgress(long Tick, long Ticks, DateTimeOffset Now, SimulatedWorld World, ObservingLedger Ledger, int OpenAdjustments, TimeSpan Elapsed);

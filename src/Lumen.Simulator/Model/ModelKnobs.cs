namespace Lumen.Simulator.Model;

/// <summary>
/// The three knobs the model understands, as one instance sees them (the simulator's own parameters:
/// the core's <see cref="Core.Policy.KnobSpec"/> describes a knob, these are the values the model computes with).
/// </summary>
/// <param name="Concurrency">Worker slots (rounded to an integer, at least 1).</param>
/// <param name="CacheMb">Cache size in MiB.</param>
/// <param name="TimeoutMs">Server timeout; +∞ when the service has no timeout knob.</param>
internal readonly record struct ModelKnobs(double Concurrency, double CacheMb, double TimeoutMs);

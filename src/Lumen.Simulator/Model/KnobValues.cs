namespace Lumen.Simulator.Model;

/// <summary>The three knobs the model understands, as one instance sees them.</summary>
/// <param name="Concurrency">Worker slots (rounded to an integer, at least 1).</param>
/// <param name="CacheMb">Cache size in MiB.</param>
/// <param name="TimeoutMs">Server timeout; +∞ when the service has no timeout knob.</param>
internal readonly record struct KnobValues(double Concurrency, double CacheMb, double TimeoutMs);

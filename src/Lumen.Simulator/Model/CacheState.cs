namespace Lumen.Simulator.Model;

/// <summary>The memory state one track's instances carry from interval to interval (see <see cref="CacheFill"/>).</summary>
/// <param name="Started">False before the first interval (the run then starts warm).</param>
/// <param name="FilledMb">The warm part of the cache.</param>
/// <param name="DownLeftSeconds">Time left of a restart after an out-of-memory kill.</param>
internal readonly record struct CacheState(bool Started, double FilledMb, double DownLeftSeconds);

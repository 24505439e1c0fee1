namespace Lumen.Simulator.Environments;

/// <summary>
/// A daily rhythm: a raised cosine from <paramref name="BaseRps"/> at the trough to
/// <paramref name="PeakRps"/> at <paramref name="PeakHour"/> (UTC hour of day, fractions allowed).
/// </summary>
public sealed record DailyLoadSpec(double BaseRps, double PeakRps, double PeakHour, double Noise, BurstSpec Bursts)
    : LoadSpec(Noise, Bursts);

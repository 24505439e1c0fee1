namespace Lumen.Simulator.Environments;

/// <summary>How a service's total request rate moves over time.</summary>
/// <param name="Noise">Relative Gaussian noise on each tick's rate (0.05 = 5 %).</param>
/// <param name="Bursts">Random bursts on top of the rhythm.</param>
public abstract record LoadSpec(double Noise, BurstSpec Bursts);

namespace Lumen.Runtime.Loop;

/// <summary>
/// Which tuner the decide step runs (docs/bandit.md). <see cref="Lumen"/> learns knob values and
/// keeps what wins (trials around the canary's incumbent configuration); <see cref="LinUcb"/> is the
/// first tuner (one-step arms, every change reverted at its TTL), kept as a comparison policy and
/// the seam for the benchmark's step policies (<see cref="LoopOptions.ArmPolicy"/>).
/// </summary>
public enum TunerKind
{
    /// <summary>Value-level trials around the incumbent, kept when shown better (the default).</summary>
    Lumen,

    /// <summary>LinUCB over increase/decrease/hold arms (Li et al. 2010); every adjustment expires at its TTL.</summary>
    LinUcb,
}

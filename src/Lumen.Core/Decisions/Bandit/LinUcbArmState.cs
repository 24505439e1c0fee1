using System.Collections.Immutable;

namespace Lumen.Core.Decisions.Bandit;

/// <summary>
/// One arm in the saved state: its key, A (d×d), A⁻¹ (d×d), b (d), θ (d) and update count. θ is
/// saved rather than recomputed because the tuner updates it recursively, and a loaded model
/// must continue bit for bit.
/// </summary>
public sealed record LinUcbArmState(
    string Arm,
    string? Knob,
    ArmDirection Direction,
    long Updates,
    ImmutableArray<double> A,
    ImmutableArray<double> AInverse,
    ImmutableArray<double> B,
    ImmutableArray<double> Theta);

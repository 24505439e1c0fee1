using System.Collections.Immutable;

namespace Lumen.Runtime.Loop;

/// <summary>
/// What a policy sees when it chooses: the service, the time, the arms (keys in the bandit's
/// order, hold first), which of them can act this tick, the context x, and LinUCB's scores for
/// every arm (θᵀx, θᵀx ± α·width) with LinUCB's own choice. Arrays are indexed like <see cref="Arms"/>.
/// </summary>
public sealed record ArmPolicyContext(
    string Service,
    long Tick,
    DateTimeOffset Now,
    ImmutableArray<string> Arms,
    ImmutableArray<bool> Eligible,
    ImmutableArray<double> X,
    ImmutableArray<double> Means,
    ImmutableArray<double> Ucbs,
    ImmutableArray<double> Lcbs,
    ArmPick LinUcb);

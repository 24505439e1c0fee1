using System.Collections.Immutable;

namespace Lumen.Core.Guard;

/// <summary>
/// Everything the guard judges by, in one value. <c>LastChanges</c> holds the time of the last
/// change (apply or rollback) of each knob, for the cooldown.
/// </summary>
public sealed record GuardInput(
    ImmutableArray<Proposal> Proposals,
    ImmutableArray<ActiveAdjustment> Active,
    GuardPolicy Policy,
    ImmutableArray<GuardKnob> Knobs,
    ImmutableArray<ServiceStatus> Services,
    ImmutableDictionary<KnobKey, DateTimeOffset> LastChanges,
    DateTimeOffset Now);

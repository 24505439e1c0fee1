using System.Collections.Immutable;
using Lumen.Core.Guard;

namespace Lumen.Core.Tests.Guard;

/// <summary>A small builder for guard inputs: one fresh service "checkout" with two knobs unless told otherwise.</summary>
internal sealed record GuardScenario
{
    public static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public ImmutableArray<Proposal> Proposals { get; init; } = [];

    public ImmutableArray<ActiveAdjustment> Active { get; init; } = [];

    public GuardPolicy Policy { get; init; } = new(DeltaClamp: 0.25, MaxActiveAdjustments: 3, Cooldown: TimeSpan.FromMinutes(5), CoherenceMin: 0.5);

    public ImmutableArray<GuardKnob> Knobs { get; init; } =
    [
        new("checkout", "concurrency_limit", 4, 256, 4, true, 32),
        new("checkout", "cache_size_mb", 64, 4096, 64, true, 512),
    ];

    public ImmutableArray<ServiceStatus> Services { get; init; } = [new("checkout", DataFreshness.Fresh, false, false, 0.9)];

    public ImmutableDictionary<KnobKey, DateTimeOffset> LastChanges { get; init; } = ImmutableDictionary<KnobKey, DateTimeOffset>.Empty;

    public static Proposal Rule(string knob, ChangeDirection direction, string service = "checkout") =>
        new(service, knob, direction, ProposalSource.Rules, "rule");

    public static Proposal Bandit(string knob, ChangeDirection direction, string service = "checkout") =>
        new(service, knob, direction, ProposalSource.Bandit, "bandit");

    public GuardResult Evaluate() =>
        SafetyGuard.Evaluate(new GuardInput(Proposals, Active, Policy, Knobs, Services, LastChanges, Now));
}

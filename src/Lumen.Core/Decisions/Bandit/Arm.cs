using System.Collections.Immutable;

namespace Lumen.Core.Decisions.Bandit;

/// <summary>
/// One action the tuner can take: <c>hold</c> (no knob), or one step up or down of a named knob
/// (docs/bandit.md). The key ("hold", "cache_size_mb:increase") names the arm in logs and JSON.
/// </summary>
public readonly record struct Arm(string? Knob, ArmDirection Direction)
{
    /// <summary>The arm that changes nothing.</summary>
    public static Arm Hold { get; } = new(null, ArmDirection.Hold);

    public bool IsHold => Direction == ArmDirection.Hold;

    public string Key => Direction switch
    {
        ArmDirection.Hold => "hold",
        ArmDirection.Increase => $"{Knob}:increase",
        _ => $"{Knob}:decrease",
    };

    public static Arm Increase(string knob) => new(knob, ArmDirection.Increase);

    public static Arm Decrease(string knob) => new(knob, ArmDirection.Decrease);

    /// <summary>
    /// The arm set for a list of knobs: <c>hold</c> first, then increase/decrease per knob in the
    /// given order, so K = 1 + 2·knobs and an arm's index is stable for a fixed knob list.
    /// </summary>
    public static ImmutableArray<Arm> ForKnobs(IEnumerable<string> knobs)
    {
        ArgumentNullException.ThrowIfNull(knobs);
        var builder = ImmutableArray.CreateBuilder<Arm>();
        builder.Add(Hold);
        foreach (var knob in knobs)
        {
            builder.Add(Increase(knob));
            builder.Add(Decrease(knob));
        }

        return builder.ToImmutable();
    }

    public override string ToString() => Key;
}

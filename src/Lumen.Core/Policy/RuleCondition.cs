using System.Globalization;

namespace Lumen.Core.Policy;

/// <summary><c>&lt;coordinate&gt; &lt;op&gt; &lt;threshold&gt;</c>, e.g. <c>latency_pressure &gt; 1.0</c>.</summary>
public sealed record RuleCondition(RuleCoordinate Coordinate, ComparisonOp Op, double Threshold)
{
    /// <summary>Whether <paramref name="value"/> satisfies the condition; NaN never does.</summary>
    public bool Holds(double value) => Op switch
    {
        ComparisonOp.GreaterThan => value > Threshold,
        ComparisonOp.GreaterOrEqual => value >= Threshold,
        ComparisonOp.LessThan => value < Threshold,
        ComparisonOp.LessOrEqual => value <= Threshold,
        _ => false,
    };

    /// <summary>The condition as written in YAML.</summary>
    public override string ToString() =>
        $"{RuleCoordinates.Name(Coordinate)} {ComparisonOps.Symbol(Op)} {Threshold.ToString("R", CultureInfo.InvariantCulture)}";
}

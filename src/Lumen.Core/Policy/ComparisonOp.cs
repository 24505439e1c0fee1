namespace Lumen.Core.Policy;

/// <summary>The comparison of a rule condition.</summary>
public enum ComparisonOp
{
    GreaterThan,
    GreaterOrEqual,
    LessThan,
    LessOrEqual,
}

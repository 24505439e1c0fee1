using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>The symbols of <see cref="ComparisonOp"/>.</summary>
public static class ComparisonOps
{
    public static ImmutableArray<string> Symbols { get; } = [">", ">=", "<", "<="];

    public static string Symbol(ComparisonOp op) => op switch
    {
        ComparisonOp.GreaterThan => ">",
        ComparisonOp.GreaterOrEqual => ">=",
        ComparisonOp.LessThan => "<",
        ComparisonOp.LessOrEqual => "<=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, null),
    };

    public static bool TryParse(string symbol, out ComparisonOp op)
    {
        (var ok, op) = symbol switch
        {
            ">" => (true, ComparisonOp.GreaterThan),
            ">=" => (true, ComparisonOp.GreaterOrEqual),
            "<" => (true, ComparisonOp.LessThan),
            "<=" => (true, ComparisonOp.LessOrEqual),
            _ => (false, default),
        };
        return ok;
    }
}

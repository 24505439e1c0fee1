using System.Collections.Immutable;

namespace Lumen.Core.Documents;

/// <summary>A sequence (list) in file order.</summary>
public sealed record YSequence(ImmutableArray<YNode> Items, YPosition Position) : YNode(Position)
{
    public override string Describe() => "a list";
}

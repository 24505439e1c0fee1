using System.Collections.Immutable;

namespace Lumen.Adapters.Config.Yaml;

internal sealed record YSequence(ImmutableArray<YNode> Items, YPosition Position) : YNode(Position)
{
    public override string Describe() => "a list";
}

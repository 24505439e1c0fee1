using System.Collections.Immutable;

namespace Lumen.Core.Documents;

/// <summary>A mapping in file order. Duplicate keys were reported by the reader and dropped (the first wins).</summary>
public sealed record YMapping(ImmutableArray<YEntry> Entries, YPosition Position) : YNode(Position)
{
    public YEntry? Find(string key) => Entries.FirstOrDefault(e => string.Equals(e.Key.Value, key, StringComparison.Ordinal));

    public override string Describe() => "a mapping";
}

using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Lumen.Simulator.Environments;

/// <summary>
/// Wraps YamlDotNet's (iterative) parser and fails with a positioned <see cref="YamlException"/> as soon as
/// mappings and sequences nest deeper than <see cref="MaxDepth"/>, before the (recursive) representation
/// model is built: 200,000 '[' are an error at line:column, not a stack overflow.
/// </summary>
internal sealed class DepthLimitedParser(IParser inner) : IParser
{
    public const int MaxDepth = 64;

    private int _depth;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        switch (inner.Current)
        {
            case SequenceStart or MappingStart when ++_depth > MaxDepth:
                throw new YamlException(inner.Current.Start, inner.Current.End,
                    $"expected at most {MaxDepth} levels of nested mappings and sequences, found deeper nesting here");
            case SequenceEnd or MappingEnd:
                _depth--;
                break;
        }

        return true;
    }
}

using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Lumen.Simulator.Environments;

/// <summary>
/// Wraps YamlDotNet's (iterative) parser and fails with a positioned <see cref="YamlException"/> as soon as
/// mappings and sequences nest deeper than <see cref="MaxDepth"/>, before the (recursive) representation
/// model is built: 200,000 '[' are an error at line:column, not a stack overflow. It also counts the
/// document's nodes with every alias expanded (an alias counts as the whole node it names) and fails at the
/// alias that takes the count past <see cref="MaxExpandedNodes"/>: an alias bomb ("billion laughs") is an
/// error found by counting, never by expanding.
/// </summary>
internal sealed class DepthLimitedParser(IParser inner) : IParser
{
    public const int MaxDepth = 64;

    /// <summary>The most nodes an environment may have with its aliases expanded (a 4 MiB file without aliases has about two million at most).</summary>
    public const long MaxExpandedNodes = 4_000_000;

    private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
    private readonly Stack<(string? Anchor, long Start)> _open = new();
    private int _depth;
    private long _expanded;

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        var current = inner.Current!;
        switch (current)
        {
            case SequenceStart or MappingStart when ++_depth > MaxDepth:
                throw new YamlException(current.Start, current.End,
                    $"expected at most {MaxDepth} levels of nested mappings and sequences, found deeper nesting here");
            case SequenceStart or MappingStart:
                var anchor = ((NodeEvent)current).Anchor;
                _open.Push((anchor.IsEmpty ? null : anchor.Value, _expanded));
                Count(current, 1);
                break;
            case SequenceEnd or MappingEnd:
                _depth--;
                if (_open.TryPop(out var closed) && closed.Anchor is { } name)
                {
                    _anchorSizes[name] = _expanded - closed.Start;
                }

                break;
            case Scalar scalar:
                Count(current, 1);
                if (!scalar.Anchor.IsEmpty)
                {
                    _anchorSizes[scalar.Anchor.Value] = 1;
                }

                break;
            case AnchorAlias alias:
                Count(current, _anchorSizes.GetValueOrDefault(alias.Value.Value, 1));
                break;
        }

        return true;
    }

    private void Count(ParsingEvent at, long nodes)
    {
        _expanded += nodes;
        if (_expanded > MaxExpandedNodes)
        {
            throw new YamlException(at.Start, at.End,
                $"expected at most {MaxExpandedNodes} nodes with every alias expanded, found more at this {(at is AnchorAlias ? "alias" : "node")} (aliases that multiply each other?)");
        }
    }
}

using System.Collections.Immutable;
using Lumen.Core.Documents;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Lumen.Adapters.Config.Yaml;

/// <summary>Reads one YAML document into the core's <see cref="YNode"/> tree with YamlDotNet's event parser
/// (the <see cref="NodeTreeReader"/> that config loading and the simulator's environment files are handed).
/// Syntax errors come back with the parser's position; duplicate keys are reported with both lines.
/// Input is bounded (docs/configuration.md, "Limits"): nesting deeper than <see cref="MaxDepth"/> is an
/// error at the collection that goes too deep, found before the tree is built, so no input can exhaust
/// the stack; a file larger than <see cref="MaxBytes"/> is refused by the loaders before it is read.
/// Aliases share the node they name, but whoever walks the tree walks every use: a document whose
/// nodes, counted with every alias expanded, exceed <see cref="MaxExpandedNodes"/> (an alias bomb,
/// "billion laughs") is an error at the alias that crosses the bound, found while counting, never by
/// expanding.</summary>
public static class YamlTreeReader
{
    /// <summary>The deepest nesting of mappings and sequences accepted (Lumen's files use fewer than 10 levels).</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// The most nodes a document may have with its aliases expanded. A 1 MiB file without aliases has at
    /// most about 520,000 nodes (<c>[1,1,…]</c>), so only alias fan-out can cross it.
    /// </summary>
    public const long MaxExpandedNodes = 1_000_000;

    /// <summary>The largest config file accepted, in bytes (1 MiB; the shipped files are a few KiB).</summary>
    public const long MaxBytes = 1024 * 1024;

    /// <summary>The size problem for a file of <paramref name="length"/> bytes, or null when it is within <see cref="MaxBytes"/>.</summary>
    public static string? SizeProblem(long length) =>
        length > MaxBytes ? $"expected a config file of at most {MaxBytes} bytes, found {length} bytes; not read" : null;

    /// <summary>The document's tree, or the problems that stopped it; nodes beyond <paramref name="maxExpandedNodes"/>
    /// (aliases expanded) are an error at the node that crosses it.</summary>
    public static NodeTree Read(string text, long maxExpandedNodes = MaxExpandedNodes)
    {
        ArgumentNullException.ThrowIfNull(text);
        var problems = ImmutableArray.CreateBuilder<NodeProblem>();
        if (TabIndents(text) is { IsEmpty: false } tabs)
        {
            return new NodeTree(null, tabs);
        }

        var parser = new Parser(new StringReader(text));
        var state = new State(parser, problems, maxExpandedNodes);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out var end))
            {
                problems.Add(new NodeProblem(Position(end.Start), "", "expected a YAML document, found an empty file"));
                return new NodeTree(null, problems.ToImmutable());
            }

            parser.Consume<DocumentStart>();
            var root = state.ReadNode("", 0);
            parser.Consume<DocumentEnd>();
            if (parser.Accept<DocumentStart>(out var second))
            {
                problems.Add(new NodeProblem(Position(second.Start), "", "expected a single YAML document, found a second one"));
            }

            return new NodeTree(root, problems.ToImmutable());
        }
        catch (YamlException ex)
        {
            problems.Add(new NodeProblem(Position(ex.Start), "", $"YAML syntax error: {Clean(ex.Message)}"));
            return new NodeTree(null, problems.ToImmutable());
        }
        catch (InvalidOperationException ex) when (ex.Source == "YamlDotNet")
        {
            // YamlDotNet's scanner sometimes fails this way (e.g. on an unclosed '[' before a newline)
            // instead of with a YamlException; report it where the last good node started.
            problems.Add(new NodeProblem(state.LastPosition, "", "YAML syntax error after this point (an unclosed '[' or '{'?)"));
            return new NodeTree(null, problems.ToImmutable());
        }
    }

    /// <summary>YAML forbids tabs in indentation. The parser notices late (at the scalar before), so
    /// each offending line is reported here at the tab itself.</summary>
    private static ImmutableArray<NodeProblem> TabIndents(string text)
    {
        var problems = ImmutableArray.CreateBuilder<NodeProblem>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var indent = line.Length - line.TrimStart(' ', '\t').Length;
            var tab = line.IndexOf('\t', StringComparison.Ordinal);
            if (tab >= 0 && tab < indent && indent < line.Length && line[indent] != '#')
            {
                problems.Add(new NodeProblem(new YPosition(i + 1, tab + 1), "", "YAML syntax error: expected spaces for indentation, found a tab"));
            }
        }

        return problems.ToImmutable();
    }

    /// <summary>YamlDotNet prefixes messages with "(Line: …, Col: …, Idx: …) - (…): "; we print the position ourselves.</summary>
    private static string Clean(string message)
    {
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && i >= 0 ? message[(i + 3)..] : message;
    }

    private static YPosition Position(Mark mark) => new(checked((int)mark.Line), checked((int)mark.Column));

    private sealed class State(IParser parser, ImmutableArray<NodeProblem>.Builder problems, long maxExpandedNodes)
    {
        private readonly Dictionary<string, YNode> _anchors = new(StringComparer.Ordinal);
        private readonly Dictionary<string, long> _anchorSizes = new(StringComparer.Ordinal);
        private long _expanded;

        public YPosition LastPosition { get; private set; } = new(1, 1);

        public YNode ReadNode(string path, int depth)
        {
            var ev = parser.Current ?? throw new YamlException("expected a YAML node, found the end of the input");
            LastPosition = Position(ev.Start);
            if (ev is SequenceStart or MappingStart && depth >= MaxDepth)
            {
                throw new YamlException(ev.Start, ev.End, $"expected at most {MaxDepth} levels of nested mappings and sequences, found deeper nesting here");
            }

            parser.MoveNext();
            var before = _expanded;
            _expanded += ev is AnchorAlias alias ? _anchorSizes.GetValueOrDefault(alias.Value.Value) : 1;
            if (_expanded > maxExpandedNodes)
            {
                throw new YamlException(ev.Start, ev.End,
                    $"expected at most {maxExpandedNodes} nodes with every alias expanded, found more at this {(ev is AnchorAlias ? "alias" : "node")} (aliases that multiply each other?)");
            }

            YNode node = ev switch
            {
                Scalar s => new YScalar(s.Value, s.Style == ScalarStyle.Plain && s.Tag.IsEmpty, Position(s.Start)),
                SequenceStart q => ReadSequence(q, path, depth + 1),
                MappingStart m => ReadMapping(m, path, depth + 1),
                AnchorAlias a => _anchors.TryGetValue(a.Value.Value, out var target)
                    ? target
                    : throw new YamlException(a.Start, a.End, $"unknown alias *{a.Value.Value}"),
                _ => throw new YamlException(ev.Start, ev.End, $"unexpected {ev.GetType().Name}"),
            };
            if (ev is NodeEvent { Anchor.IsEmpty: false } anchored)
            {
                _anchors[anchored.Anchor.Value] = node;
                _anchorSizes[anchored.Anchor.Value] = _expanded - before;
            }

            return node;
        }

        private YSequence ReadSequence(SequenceStart start, string path, int depth)
        {
            var items = ImmutableArray.CreateBuilder<YNode>();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                items.Add(ReadNode($"{path}[{items.Count}]", depth));
            }

            return new YSequence(items.ToImmutable(), Position(start.Start));
        }

        private YMapping ReadMapping(MappingStart start, string path, int depth)
        {
            var entries = ImmutableArray.CreateBuilder<YEntry>();
            var first = new Dictionary<string, YPosition>(StringComparer.Ordinal);
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyNode = ReadNode(path, depth);
                if (keyNode is not YScalar key)
                {
                    problems.Add(new NodeProblem(keyNode.Position, path, $"expected a plain key, found {keyNode.Describe()} as a key"));
                    ReadNode(path, depth);
                    continue;
                }

                var childPath = path.Length == 0 ? key.Value : $"{path}.{key.Value}";
                var value = ReadNode(childPath, depth);
                if (first.TryGetValue(key.Value, out var at))
                {
                    problems.Add(new NodeProblem(key.Position, childPath, $"expected each key once in a mapping, found '{key.Value}' again (first at line {at.Line})"));
                    continue;
                }

                first[key.Value] = key.Position;
                entries.Add(new YEntry(key, value));
            }

            return new YMapping(entries.ToImmutable(), Position(start.Start));
        }
    }
}

using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Lumen.Adapters.Thresholds;

/// <summary>
/// Merges a stage's managed rules into feedback_rules.yaml as text: YamlDotNet's parser finds where
/// each rule starts and ends, the managed rules of that stage are cut out and the new ones put in
/// their place (or after the last rule). Every other byte of the file, the user's rules with their
/// comments, order and formatting, is kept; a second merge with the same policy changes nothing.
/// </summary>
internal static class FeedbackRulesMerger
{
    public static FeedbackRulesMergeResult Merge(string existing, AlertingPolicy policy, string fileLabel)
    {
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(policy);
        var newline = existing.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        var lines = existing.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        if (lines.Count > 0 && lines[^1].Length == 0)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        RulesList list;
        try
        {
            list = Scan(existing, lines, fileLabel);
        }
        catch (YamlException ex)
        {
            return FeedbackRulesMergeResult.Failed($"{fileLabel}:{ex.Start.Line}:{ex.Start.Column}: not valid YAML: {ex.Message}");
        }

        if (list.Error is not null)
        {
            return FeedbackRulesMergeResult.Failed(list.Error);
        }

        var ours = ManagedFeedbackRules.Names(policy.Stage);
        foreach (var item in list.Items.Where(i => !i.IsManagedFor(policy.Stage) && i.Name is not null && ours.Contains(i.Name)))
        {
            return FeedbackRulesMergeResult.Failed(
                $"{fileLabel}:{item.DashLine + 1}:{item.DashColumn + 1}: rules: the rule \"{item.Name}\" has a name that `lumen thresholds sync {policy.Stage}` "
                + "writes, but is not `managed: true` for that stage: rename it (or delete it to let the sync write it)");
        }

        var indent = list.Items.IsEmpty ? "  " : new string(' ', list.Items[0].DashColumn);
        var block = ManagedFeedbackRules.Generate(policy, indent).TrimEnd('\n').Split('\n');
        var output = new List<string>();
        if (list.Items.IsEmpty)
        {
            // `rules:`, `rules: []` or `rules: ~`: the list becomes a block list holding just ours.
            for (var i = 0; i < lines.Count; i++)
            {
                output.Add(i == list.KeyLine ? lines[i][..list.ValueCut].TrimEnd() : lines[i]);
                if (i == list.KeyLine)
                {
                    output.AddRange(block);
                }
            }
        }
        else
        {
            var removed = list.Items.Where(i => i.IsManagedFor(policy.Stage)).ToList();
            var insertAt = removed.Count > 0 ? removed[0].FirstLine : list.Items[^1].LastLine + 1;
            for (var i = 0; i <= lines.Count; i++)
            {
                if (i == insertAt)
                {
                    output.AddRange(block);
                }

                if (i < lines.Count && !removed.Any(r => i >= r.FirstLine && i <= r.LastLine))
                {
                    output.Add(lines[i]);
                }
            }
        }

        var text = string.Join(newline, output) + newline;
        return Check(text, list, policy, fileLabel);
    }

    // The merge must keep every rule that is not ours, in order, and hold exactly ours.
    private static FeedbackRulesMergeResult Check(string text, RulesList before, AlertingPolicy policy, string fileLabel)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n').ToList();
        var after = Scan(text, lines, fileLabel);
        var keptBefore = before.Items.Where(i => !i.IsManagedFor(policy.Stage)).Select(i => i.Name);
        var keptAfter = after.Items.Where(i => !i.IsManagedFor(policy.Stage)).Select(i => i.Name);
        var oursAfter = after.Items.Where(i => i.IsManagedFor(policy.Stage)).Select(i => i.Name ?? "");
        if (after.Error is not null || !keptBefore.SequenceEqual(keptAfter) || !oursAfter.SequenceEqual(ManagedFeedbackRules.Names(policy.Stage)))
        {
            throw new InvalidOperationException($"merging the managed rules into {fileLabel} lost or changed a rule: {after.Error}");
        }

        return FeedbackRulesMergeResult.Ok(text);
    }

    private sealed record RulesList(ImmutableArray<RuleItem> Items, int KeyLine, int ValueCut, string? Error);

    private static RulesList Scan(string text, List<string> lines, string fileLabel)
    {
        var parser = new Parser(new StringReader(text));
        parser.Consume<StreamStart>();
        if (parser.Accept<StreamEnd>(out _))
        {
            return Fail($"{fileLabel}: expected a mapping with `version` and `rules`, found an empty file");
        }

        parser.Consume<DocumentStart>();
        if (!parser.TryConsume<MappingStart>(out var root) || root.Style == MappingStyle.Flow)
        {
            return Fail($"{fileLabel}:1:1: expected a block mapping with `version` and `rules` at the top");
        }

        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = parser.Consume<Scalar>();
            if (key.Value != "rules")
            {
                var ignored = -1;
                Skip(parser, ref ignored);
                continue;
            }

            return ReadRules(parser, key, lines, fileLabel);
        }

        return Fail($"{fileLabel}: expected a `rules` key at the top, found none");
    }

    private static RulesList ReadRules(IParser parser, Scalar key, List<string> lines, string fileLabel)
    {
        var keyLine = (int)key.Start.Line - 1;
        var valueStart = parser.Current!.Start;
        var cut = valueStart.Line - 1 == keyLine ? (int)valueStart.Column - 1 : lines[keyLine].Length;
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return scalar.Value is "" or "~" or "null" && scalar.Style == ScalarStyle.Plain
                ? new RulesList([], keyLine, cut, null)
                : Fail($"{fileLabel}:{scalar.Start.Line}:{scalar.Start.Column}: rules: expected a list of rules, found \"{scalar.Value}\"");
        }

        if (!parser.TryConsume<SequenceStart>(out var seq))
        {
            return Fail($"{fileLabel}:{valueStart.Line}:{valueStart.Column}: rules: expected a list of rules");
        }

        if (seq.Style == SequenceStyle.Flow)
        {
            return parser.TryConsume<SequenceEnd>(out _)
                ? new RulesList([], keyLine, cut, null)
                : Fail($"{fileLabel}:{seq.Start.Line}:{seq.Start.Column}: rules: write the rules as a block list (`- name: ...` lines) "
                    + "so that thresholds sync can merge into it, not as a [flow, list]");
        }

        var items = ImmutableArray.CreateBuilder<RuleItem>();
        var previousLast = keyLine;
        while (!parser.TryConsume<SequenceEnd>(out _))
        {
            var item = ReadItem(parser, lines, previousLast);
            items.Add(item);
            previousLast = item.LastLine;
        }

        return new RulesList(items.ToImmutable(), keyLine, cut, null);
    }

    private static RuleItem ReadItem(IParser parser, List<string> lines, int previousLast)
    {
        var start = parser.Current!.Start;
        var startLine = (int)start.Line - 1;
        var last = startLine;
        string? name = null;
        var managed = false;
        var stages = ImmutableArray.CreateBuilder<string>();
        if (parser.TryConsume<MappingStart>(out var map))
        {
            while (!parser.TryConsume<MappingEnd>(out var end))
            {
                var key = parser.Consume<Scalar>();
                Track(key, ref last);
                if (parser.Current is Scalar value && key.Value is "name" or "managed")
                {
                    parser.MoveNext();
                    Track(value, ref last);
                    if (key.Value == "name")
                    {
                        name = value.Value;
                    }
                    else
                    {
                        managed = value.Style == ScalarStyle.Plain && value.Value is "true" or "True" or "TRUE";
                    }
                }
                else if (key.Value == "stages")
                {
                    var before = new List<string>();
                    Skip(parser, ref last, before);
                    stages.AddRange(before);
                }
                else
                {
                    Skip(parser, ref last);
                }

                if (parser.Current is MappingEnd && map.Style == MappingStyle.Flow)
                {
                    Track(parser.Current, ref last);
                }
            }
        }
        else
        {
            Skip(parser, ref last);
        }

        // The dash may sit alone on a line above the item's first key.
        var dashLine = startLine;
        while (dashLine > previousLast + 1 && !lines[dashLine][..Math.Min(lines[dashLine].Length, (int)start.Column - 1)].Contains('-', StringComparison.Ordinal))
        {
            dashLine--;
        }

        var dashColumn = Math.Max(0, lines[dashLine].IndexOf('-', StringComparison.Ordinal));
        var first = dashLine;
        while (first - 1 > previousLast && lines[first - 1].TrimStart().StartsWith('#'))
        {
            first--;
        }

        return new RuleItem(first, dashLine, dashColumn, Math.Max(last, dashLine), name, managed, stages.ToImmutable());
    }

    // Consumes one node. Scalars and the ends of flow collections mark the last line with content;
    // the end events of block collections point at the next token, so they are not counted.
    private static void Skip(IParser parser, ref int last, List<string>? scalars = null)
    {
        var ev = parser.Consume<ParsingEvent>();
        switch (ev)
        {
            case Scalar s:
                Track(s, ref last);
                scalars?.Add(s.Value);
                break;
            case AnchorAlias a:
                Track(a, ref last);
                break;
            case SequenceStart seq:
                while (!parser.Accept<SequenceEnd>(out _))
                {
                    Skip(parser, ref last, scalars);
                }

                var seqEnd = parser.Consume<SequenceEnd>();
                if (seq.Style == SequenceStyle.Flow)
                {
                    Track(seqEnd, ref last);
                }

                break;
            case MappingStart map:
                while (!parser.Accept<MappingEnd>(out _))
                {
                    Skip(parser, ref last, scalars);
                }

                var mapEnd = parser.Consume<MappingEnd>();
                if (map.Style == MappingStyle.Flow)
                {
                    Track(mapEnd, ref last);
                }

                break;
        }
    }

    private static void Track(ParsingEvent ev, ref int last)
    {
        // A block scalar ends at column 1 of the line after its text.
        var line = (int)ev.End.Line - (ev.End.Column <= 1 && ev.End.Line > ev.Start.Line ? 2 : 1);
        last = Math.Max(last, line);
    }

    private static RulesList Fail(string error) => new([], -1, 0, error);
}

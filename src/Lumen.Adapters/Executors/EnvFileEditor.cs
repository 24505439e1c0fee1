using Lumen.Core.Adjustments;

namespace Lumen.Adapters.Executors;

/// <summary>
/// Edits <c>KEY=value</c> in a .env file line by line: comments, blank lines, other keys, quoting
/// and line endings are left exactly as they were. Every assignment of the key is rewritten (so
/// duplicates cannot disagree); reading takes the last one, as a shell sourcing the file would.
/// A missing key is appended.
/// </summary>
internal sealed class EnvFileEditor : IConfigFileEditor
{
    public static readonly EnvFileEditor Instance = new();

    public ExecutorResult Read(string text, string key)
    {
        var assignment = TextLines.Split(text)
            .Select(l => EnvAssignment.TryParse(l.Content))
            .LastOrDefault(a => a is not null && string.Equals(a.Key, key, StringComparison.Ordinal));
        if (assignment is null)
        {
            return ExecutorResult.Failed($"key {key} not found", transient: false);
        }

        return KnobValue.TryParse(assignment.Value, out var value)
            ? ExecutorResult.Ok(value)
            : ExecutorResult.Failed($"value of {key} is not a finite number: '{assignment.Value}'", transient: false);
    }

    public FileEdit Write(string text, string key, double value)
    {
        var formatted = KnobValue.Format(value);
        var lines = TextLines.Split(text);
        var found = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var assignment = EnvAssignment.TryParse(lines[i].Content);
            if (assignment is not null && string.Equals(assignment.Key, key, StringComparison.Ordinal))
            {
                lines[i] = (assignment.WithValue(formatted), lines[i].Terminator);
                found = true;
            }
        }

        if (!found)
        {
            var terminator = TextLines.PreferredTerminator(lines);
            if (lines.Count > 0 && lines[^1].Terminator.Length == 0)
            {
                lines[^1] = (lines[^1].Content, terminator);
            }

            lines.Add(($"{key}={formatted}", terminator));
        }

        return FileEdit.Done(TextLines.Join(lines));
    }
}

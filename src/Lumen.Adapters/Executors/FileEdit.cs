namespace Lumen.Adapters.Executors;

/// <summary>The result of editing a file's text in memory: the new text, or why it could not be edited.</summary>
internal sealed record FileEdit(string? NewText, string? Error)
{
    public static FileEdit Done(string newText) => new(newText, null);

    public static FileEdit Refused(string error) => new(null, error);
}

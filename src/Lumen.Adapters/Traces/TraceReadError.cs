namespace Lumen.Adapters.Traces;

/// <summary>Why a trace file could not be read: the file, the 1-based line (null when the whole file is at fault) and what is wrong.</summary>
/// <param name="File">The path as given.</param>
/// <param name="Line">The 1-based line number (the header is line 1), or null.</param>
/// <param name="Message">What is wrong, for a person.</param>
public sealed record TraceReadError(string File, int? Line, string Message)
{
    /// <summary>"FILE:LINE: message", the form editors and terminals link to.</summary>
    public override string ToString() => Line is { } line ? $"{File}:{line}: {Message}" : $"{File}: {Message}";
}

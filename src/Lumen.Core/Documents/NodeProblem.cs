namespace Lumen.Core.Documents;

/// <summary>A problem found while reading a document into its node tree (syntax, nesting, aliases, a duplicate key).</summary>
/// <param name="Path">The key path where it was found, or empty at the top or when unknown.</param>
public sealed record NodeProblem(YPosition Position, string Path, string Message);

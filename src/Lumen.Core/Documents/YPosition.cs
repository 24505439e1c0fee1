namespace Lumen.Core.Documents;

/// <summary>A 1-based line and column in a text document (a YAML file).</summary>
public readonly record struct YPosition(int Line, int Column);

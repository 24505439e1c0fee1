namespace Lumen.Core.Documents;

/// <summary>One key and its value in a <see cref="YMapping"/>.</summary>
public sealed record YEntry(YScalar Key, YNode Value);

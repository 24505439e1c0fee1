namespace Lumen.Adapters.Output;

/// <summary>A file a command means to write, with its whole content.</summary>
public sealed record GeneratedFile(string Path, string Content);

namespace Lumen.Adapters.Output;

/// <summary>What writing a <see cref="GeneratedFile"/> does (or would do) to the disk.</summary>
public enum FileChange
{
    Created,
    Updated,
    Unchanged,
}

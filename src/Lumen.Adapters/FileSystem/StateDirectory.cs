using System.Text;
using Lumen.Core.State;

namespace Lumen.Adapters.FileSystem;

/// <summary>The state directory's small files (<see cref="IStateFiles"/>), each replaced atomically and durably.</summary>
public sealed class StateDirectory(string root) : IStateFiles
{
    public string Root { get; } = Path.GetFullPath(root);

    public async Task<string?> ReadAsync(string name, CancellationToken cancellationToken)
    {
        var path = Resolve(name);
        return File.Exists(path) ? await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false) : null;
    }

    public async Task WriteAsync(string name, string content, CancellationToken cancellationToken)
    {
        var path = Resolve(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await AtomicFile.WriteAllBytesAsync(path, Encoding.UTF8.GetBytes(content), cancellationToken).ConfigureAwait(false);
    }

    // Names are relative and stay inside the root: a name is code's choice, but a mistake must not write elsewhere.
    private string Resolve(string name)
    {
        var path = Path.GetFullPath(Path.Combine(Root, name));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new ArgumentException($"state file '{name}' is outside the state directory", nameof(name));
    }
}

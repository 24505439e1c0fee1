using System.Collections.Concurrent;
using Lumen.Core.State;

namespace Lumen.Cli.Demo;

/// <summary>
/// The demo's state files (bandit models, adjustment snapshot) in memory: each demo starts from
/// scratch, and the models are saved after every learned reward, which on disk would be an fsync'd
/// rename hundreds of times per simulated day. <see cref="SaveAllAsync"/> writes them out at the end.
/// </summary>
internal sealed class MemoryStateFiles : IStateFiles
{
    private readonly ConcurrentDictionary<string, string> _files = new(StringComparer.Ordinal);

    public Task<string?> ReadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(_files.TryGetValue(name, out var content) ? content : null);

    public Task WriteAsync(string name, string content, CancellationToken cancellationToken)
    {
        _files[name] = content;
        return Task.CompletedTask;
    }

    public async Task SaveAllAsync(string directory, CancellationToken cancellationToken)
    {
        foreach (var (name, content) in _files)
        {
            var path = Path.Combine(directory, name);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, content, cancellationToken).ConfigureAwait(false);
        }
    }
}

using System.Collections.Concurrent;
using Lumen.Core.State;

namespace Lumen.Runtime.Tests.TestKit;

/// <summary>State files in a dictionary.</summary>
internal sealed class InMemoryStateFiles : IStateFiles
{
    public ConcurrentDictionary<string, string> Files { get; } = new(StringComparer.Ordinal);

    public Task<string?> ReadAsync(string name, CancellationToken cancellationToken) =>
        Task.FromResult(Files.TryGetValue(name, out var text) ? text : null);

    public Task WriteAsync(string name, string content, CancellationToken cancellationToken)
    {
        Files[name] = content;
        return Task.CompletedTask;
    }
}

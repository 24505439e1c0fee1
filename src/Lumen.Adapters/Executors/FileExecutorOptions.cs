using System.Collections.Immutable;

namespace Lumen.Adapters.Executors;

/// <summary>Settings of the <c>file</c> executor.</summary>
/// <param name="Path">The file to edit; it must exist (Lumen never creates a service's config).</param>
/// <param name="Format">How to edit it.</param>
/// <param name="ReloadCommand">argv run after each write (no shell); empty for none.</param>
/// <param name="ReloadTimeout">Default 30 s.</param>
/// <param name="Keys">Knob name → key in the file, where they differ (e.g. <c>cache_size_mb</c> → <c>CACHE_SIZE_MB</c>); by default the key is the knob's name.</param>
public sealed record FileExecutorOptions(
    string Path,
    ConfigFileFormat Format,
    ImmutableArray<string> ReloadCommand = default,
    TimeSpan? ReloadTimeout = null,
    ImmutableDictionary<string, string>? Keys = null)
{
    /// <summary>The fencing token the loop holds for this target; when set, a write is refused while the lease file beside the target names a newer one. Default none.</summary>
    public Lumen.Core.Leases.FencingToken? Fence { get; init; }

    public static readonly TimeSpan DefaultReloadTimeout = TimeSpan.FromSeconds(30);

    public TimeSpan EffectiveReloadTimeout => ReloadTimeout ?? DefaultReloadTimeout;

    public bool HasReloadCommand => !ReloadCommand.IsDefaultOrEmpty;

    public string KeyFor(string knob) => Keys is not null && Keys.TryGetValue(knob, out var key) ? key : knob;
}

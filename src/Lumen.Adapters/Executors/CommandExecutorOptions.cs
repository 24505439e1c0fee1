using System.Collections.Immutable;

namespace Lumen.Adapters.Executors;

/// <summary>Settings of the <c>command</c> executor.</summary>
/// <param name="Command">argv of the script (no shell); <c>set KNOB VALUE</c> or <c>get KNOB</c> is appended.</param>
/// <param name="Timeout">Per call; on expiry the whole process tree is killed. Default 10 s.</param>
/// <param name="WorkingDirectory">Null for the controller's working directory.</param>
public sealed record CommandExecutorOptions(ImmutableArray<string> Command, TimeSpan? Timeout = null, string? WorkingDirectory = null)
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    public TimeSpan EffectiveTimeout => Timeout ?? DefaultTimeout;
}

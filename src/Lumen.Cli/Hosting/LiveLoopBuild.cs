using System.Collections.Immutable;

namespace Lumen.Cli.Hosting;

/// <summary>The composed loop, or why it could not be composed (bad config: nothing was changed).</summary>
internal sealed record LiveLoopBuild(LiveLoop? Loop, ImmutableArray<string> Errors)
{
    public static LiveLoopBuild Failed(IEnumerable<string> errors) => new(null, [.. errors]);
}

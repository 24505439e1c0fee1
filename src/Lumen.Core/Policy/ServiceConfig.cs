using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>One service: how to read its SLIs and how to set its knobs.</summary>
/// <param name="Window">The range used for <c>rate()</c>: replaces <c>$window</c> in the SLI templates.</param>
public sealed record ServiceConfig(
    string Name,
    PromDuration Window,
    SliQueries Sli,
    ImmutableArray<KnobSpec> Knobs,
    ServiceExecutors Executors)
{
    public KnobSpec? FindKnob(string name) =>
        Knobs.FirstOrDefault(k => string.Equals(k.Name, name, StringComparison.Ordinal));
}

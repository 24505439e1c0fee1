using System.Collections.Immutable;

namespace Lumen.Core.Decisions.Rules;

/// <summary>The rules engine's memory between intervals, keyed by (rule, service). Immutable: each
/// evaluation returns the next state.</summary>
public sealed record RulesState(ImmutableDictionary<(string Rule, string Service), RuleTrack> Tracks)
{
    public static RulesState Empty { get; } = new(ImmutableDictionary<(string Rule, string Service), RuleTrack>.Empty);

    public RuleTrack Get(string rule, string service) =>
        Tracks.TryGetValue((rule, service), out var track) ? track : default;
}

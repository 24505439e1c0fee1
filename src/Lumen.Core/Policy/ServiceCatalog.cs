using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary><c>services.yaml</c>: the services Lumen tunes, in file order.</summary>
public sealed record ServiceCatalog(ImmutableArray<ServiceConfig> Services)
{
    public ServiceConfig? Find(string name) =>
        Services.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>The service whose <c>rollout:</c> block names this Flagger canary or Argo rollout, or null.</summary>
    public ServiceConfig? FindRollout(RolloutTool tool, string ns, string name) =>
        Services.FirstOrDefault(s => s.Rollout is { } r && r.Matches(tool, ns, name));

    /// <summary>True when any service has a knob of this name (rules refer to knobs by name).</summary>
    public bool HasKnob(string knob) => Services.Any(s => s.FindKnob(knob) is not null);
}

using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary><c>services.yaml</c>: the services Lumen tunes, in file order.</summary>
public sealed record ServiceCatalog(ImmutableArray<ServiceConfig> Services)
{
    public ServiceConfig? Find(string name) =>
        Services.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal));

    /// <summary>True when any service has a knob of this name (rules refer to knobs by name).</summary>
    public bool HasKnob(string knob) => Services.Any(s => s.FindKnob(knob) is not null);
}

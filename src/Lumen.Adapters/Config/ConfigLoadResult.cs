using System.Collections.Immutable;
using Lumen.Core.Documents;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Config;

/// <summary>The configuration, or every error found in it. Never both: <see cref="Config"/> is null
/// whenever <see cref="Errors"/> is not empty.</summary>
public sealed record ConfigLoadResult(LumenConfig? Config, ImmutableArray<ConfigError> Errors)
{
    public bool IsValid => Config is not null && Errors.IsEmpty;
}

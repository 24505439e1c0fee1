using System.Collections.Immutable;
using Lumen.Core.Documents;

namespace Lumen.Adapters.Config;

/// <summary>The settings, or every error found in the config and the environment.</summary>
public sealed record SettingsLoadResult(LumenSettings? Settings, ImmutableArray<ConfigError> Errors)
{
    public bool IsValid => Settings is not null && Errors.IsEmpty;
}

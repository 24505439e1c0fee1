using Lumen.Core.Policy;

namespace Lumen.Adapters.Config;

/// <summary>What a command runs with: the validated config, the validated environment overrides,
/// and, when a stage was chosen, that stage with the overrides applied.</summary>
/// <param name="ConfigDir">The directory the config was read from (after --config-dir / LUMEN_CONFIG_DIR).</param>
/// <param name="Stage">The chosen stage with env overrides applied, or null when no stage was chosen.</param>
/// <param name="Canary">The chosen stage's canary policy, or null when no stage was chosen.</param>
public sealed record LumenSettings(
    LumenConfig Config,
    EnvOverrides Env,
    string ConfigDir,
    StageConfig? Stage,
    CanaryStagePolicy? Canary);

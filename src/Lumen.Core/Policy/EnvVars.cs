namespace Lumen.Core.Policy;

/// <summary>Names of the environment variables that override the configuration (docs/configuration.md).</summary>
public static class EnvVars
{
    public const string Stage = "LUMEN_STAGE";
    public const string ConfigDir = "LUMEN_CONFIG_DIR";
    public const string StateDir = "LUMEN_STATE_DIR";
    public const string PrometheusUrl = "LUMEN_PROMETHEUS_URL";
    public const string RewardMixLambda = "REWARD_MIX_LAMBDA";
    public const string DryRun = "DRY_RUN";
    public const string SafeApply = "SAFE_APPLY";
    public const string ApprovalRequired = "APPROVAL_REQUIRED";

    /// <summary>Where config files are read from when neither <c>--config-dir</c> nor the env var says.</summary>
    public const string DefaultConfigDir = "./config";

    /// <summary>Where the ledger, its head file, the model and the state live by default.</summary>
    public const string DefaultStateDir = "./state";
}

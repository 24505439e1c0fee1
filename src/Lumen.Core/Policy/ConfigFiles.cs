using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>The file names in the config directory, and the source name of environment problems.</summary>
public static class ConfigFiles
{
    public const string StageMatrix = "stage_matrix.yaml";
    public const string Services = "services.yaml";
    public const string CanaryPolicy = "canary_policy.yaml";
    public const string FeedbackRules = "feedback_rules.yaml";

    /// <summary>The source of a problem found in an environment variable (its path is the variable name).</summary>
    public const string Environment = "env";

    public static ImmutableArray<string> All { get; } = [StageMatrix, Services, CanaryPolicy, FeedbackRules];
}

namespace Lumen.Adapters.Thresholds;

/// <summary>The merged feedback_rules.yaml text, or why it could not be merged (nothing is then written).</summary>
internal sealed record FeedbackRulesMergeResult(string? Text, string? Error)
{
    public static FeedbackRulesMergeResult Ok(string text) => new(text, null);

    public static FeedbackRulesMergeResult Failed(string error) => new(null, error);
}

namespace Lumen.Core.Policy;

/// <summary>Where a stage's dependencies live. <see cref="SlackWebhookEnv"/> names the environment
/// variable (or its <c>_FILE</c> twin) that holds the Slack webhook URL: never the URL itself.</summary>
public sealed record StageEndpoints(Uri Prometheus, Uri? Loki, Uri? Alertmanager, string? SlackWebhookEnv);

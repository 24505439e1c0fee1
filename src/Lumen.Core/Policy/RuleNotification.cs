namespace Lumen.Core.Policy;

/// <summary>A notification sent when a rule fires.</summary>
public sealed record RuleNotification(Severity Severity, string Message);

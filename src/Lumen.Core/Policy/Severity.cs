namespace Lumen.Core.Policy;

/// <summary>Severity of a rule's notification (matches the alert <c>severity</c> label).</summary>
public enum Severity
{
    Info,
    Warning,
    Critical,
}

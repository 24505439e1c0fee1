using Lumen.Core.Policy;

namespace Lumen.Core.Decisions.Rules;

/// <summary>A notification on a rule's transition: <see cref="Fired"/> true when it became active,
/// false when it cleared.</summary>
public sealed record RuleNotice(string Rule, string Service, Severity Severity, string Message, bool Fired);

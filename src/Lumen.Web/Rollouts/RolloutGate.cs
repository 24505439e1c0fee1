namespace Lumen.Web.Rollouts;

/// <summary>One canary gate in an answer: its name, outcome (pass, fail, inconclusive) and reason, as in the report.</summary>
internal sealed record RolloutGate(string Gate, string Outcome, string Reason);

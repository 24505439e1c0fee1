using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace Lumen.Adapters.Thresholds;

/// <summary>
/// The rules <c>lumen thresholds sync STAGE</c> writes into feedback_rules.yaml: the stage's SLO
/// thresholds as notifications, marked <c>managed: true</c> and scoped to the stage with
/// <c>stages: [STAGE]</c>, so every stage keeps its own set in the one file. They only notify:
/// which knob to move is the user's knowledge, in the user's rules.
/// </summary>
internal static class ManagedFeedbackRules
{
    /// <summary>The names of the managed rules of <paramref name="stage"/>.</summary>
    public static ImmutableArray<string> Names(string stage) =>
        [$"slo-latency-{stage}", $"slo-errors-{stage}", $"slo-coherence-{stage}"];

    /// <summary>The managed rules as YAML list items, each line starting with <paramref name="indent"/>.</summary>
    public static string Generate(AlertingPolicy policy, string indent)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var s = policy.Stage;
        var names = Names(s);
        var sb = new StringBuilder();
        sb.Append(indent).Append("# Managed by `lumen thresholds sync ").Append(s).Append("` from the ").Append(s)
            .Append(" SLO in stage_matrix.yaml: rewritten on\n");
        sb.Append(indent).Append("# every sync, do not edit. Rules without `managed: true` are yours and are kept as they are.\n");
        Rule(sb, indent, names[0], s,
            $"p95_ms > {Num(policy.LatencyP95Ms)}", 3, $"p95_ms < {Num(policy.LatencyP95Ms * 0.9)}",
            "warning", $"p95 latency above the {s} objective of {Num(policy.LatencyP95Ms)} ms for 3 intervals");
        Rule(sb, indent, names[1], s,
            $"error_rate > {Num(policy.ErrorRateObjective)}", 2, $"error_rate < {Num(policy.ErrorRateObjective * 0.8)}",
            "critical", $"error rate above the {s} objective of {Percent(policy.ErrorRateObjective)} for 2 intervals");
        Rule(sb, indent, names[2], s,
            $"coherence < {Num(policy.CoherenceMin)}", 3, $"coherence >= {Num(Math.Min(1, policy.CoherenceMin + 0.05))}",
            "warning", $"coherence under the {s} minimum of {Num(policy.CoherenceMin)} for 3 intervals");
        return sb.ToString();
    }

    private static void Rule(StringBuilder sb, string indent, string name, string stage, string when, int forIntervals,
        string clearWhen, string severity, string message)
    {
        var inner = indent + "  ";
        sb.Append(indent).Append("- name: ").Append(YamlText.Scalar(name)).Append('\n');
        sb.Append(inner).Append("managed: true\n");
        sb.Append(inner).Append("stages: [").Append(YamlText.Scalar(stage)).Append("]\n");
        // Conditions are written plain, like the hand-written rules: a coordinate, an operator, a number.
        sb.Append(inner).Append("when: ").Append(when).Append('\n');
        sb.Append(inner).Append("for: ").Append(forIntervals.ToString(CultureInfo.InvariantCulture)).Append(" intervals\n");
        sb.Append(inner).Append("clear_when: ").Append(clearWhen).Append('\n');
        sb.Append(inner).Append("notify:\n");
        sb.Append(inner).Append("  severity: ").Append(severity).Append('\n');
        sb.Append(inner).Append("  message: ").Append(YamlText.Scalar(message)).Append('\n');
    }

    // Six significant digits: 0.8 × 0.05 is written 0.04, not 0.04000000000000001.
    private static string Num(double v) =>
        double.Parse(v.ToString("G6", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).ToString("R", CultureInfo.InvariantCulture);

    private static string Percent(double ratio) => (ratio * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";
}

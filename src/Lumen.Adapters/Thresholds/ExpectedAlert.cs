using System.Collections.Immutable;

namespace Lumen.Adapters.Thresholds;

/// <summary>An alert a promtool unit test expects to be firing: its rule, its labels and the value it fires with.</summary>
internal sealed record ExpectedAlert(AlertRuleSpec Rule, ImmutableSortedDictionary<string, string> Labels, double Value);

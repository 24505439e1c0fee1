using System.Collections.Immutable;

namespace Lumen.Adapters.Thresholds;

/// <summary>One generated recording rule.</summary>
internal sealed record RecordingRuleSpec(string Record, string Expr, ImmutableArray<KeyValuePair<string, string>> Labels);

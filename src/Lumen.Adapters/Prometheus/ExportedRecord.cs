using System.Collections.Immutable;
using Lumen.Core.Canary;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// One exported interval record and the <c>le</c> label text of each of its buckets exactly as
/// Prometheus returned it (the core's <see cref="IntervalRecord"/> keeps only the parsed bound, and a
/// Prometheus 3 server writes <c>"1.0"</c> where the client wrote <c>"1"</c>).
/// <see cref="LeLabels"/> follows <see cref="IntervalRecord.Buckets"/>: sorted by bound, ending with <c>+Inf</c>.
/// </summary>
public sealed record ExportedRecord(IntervalRecord Record, ImmutableArray<string> LeLabels)
{
    /// <summary>The record as one JSON line in the format of docs/canary-records.md (the core's <see cref="IntervalRecordWriter"/>).</summary>
    public string ToJson() => IntervalRecordWriter.Write(Record, LeLabels);
}

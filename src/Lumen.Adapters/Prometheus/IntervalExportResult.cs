using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// The records of an export in time order (then service, then baseline before canary), or why there
/// are none (<see cref="Error"/>: Prometheus unreachable or answering with an error).
/// </summary>
/// <param name="Skipped">Intervals of a service and track with some data but not a whole record (a bucket or +Inf missing, a value that is not a count); never written.</param>
/// <param name="WithoutErrorsSeries">Records written with 0 errors because the errors counter had no series in that interval.</param>
/// <param name="Notes">Warnings from Prometheus and the first reasons for skipped intervals, for the operator.</param>
public sealed record IntervalExportResult(
    ImmutableArray<ExportedRecord> Records,
    int Skipped,
    int WithoutErrorsSeries,
    ImmutableArray<string> Notes,
    string? Error)
{
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

    /// <summary>The file content: one JSON line per record, each ending in a newline.</summary>
    public string ToJsonLines() => string.Concat(Records.Select(r => r.ToJson() + "\n"));

    public static IntervalExportResult Failed(string error) => new([], 0, 0, [], error);
}

using System.Diagnostics.CodeAnalysis;

namespace Lumen.Core.Canary;

/// <summary>A parsed record, or what was wrong with the line (never both).</summary>
public readonly record struct IntervalRecordParse(IntervalRecord? Record, string? Error)
{
    [MemberNotNullWhen(true, nameof(Record))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Record is not null;

    public static IntervalRecordParse Ok(IntervalRecord record) => new(record, null);

    public static IntervalRecordParse Fail(string error) => new(null, error);
}

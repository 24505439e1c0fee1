using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Lumen.Core.Canary;

namespace Lumen.Adapters.Canary;

/// <summary>The records of a file with the file's SHA-256, or every malformed line (path:line: what).</summary>
public sealed record IntervalRecordFileResult(ImmutableArray<IntervalRecord> Records, string? Sha256, ImmutableArray<string> Errors)
{
    [MemberNotNullWhen(true, nameof(Sha256))]
    public bool IsOk => Errors.IsEmpty && Sha256 is not null;
}

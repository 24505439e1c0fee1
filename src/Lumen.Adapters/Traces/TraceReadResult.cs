using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using Lumen.Core.Sli;

namespace Lumen.Adapters.Traces;

/// <summary>Either the samples of a trace file or the error that stopped reading it.</summary>
public sealed record TraceReadResult
{
    private TraceReadResult(ImmutableArray<SliSample> samples, TraceReadError? error)
    {
        Samples = samples;
        Error = error;
    }

    /// <summary>The samples in file order (empty when <see cref="Error"/> is set).</summary>
    public ImmutableArray<SliSample> Samples { get; }

    /// <summary>The error; null when the file was read.</summary>
    public TraceReadError? Error { get; }

    /// <summary>True when the file was read.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Error is null;

    /// <summary>A trace that was read.</summary>
    public static TraceReadResult Ok(ImmutableArray<SliSample> samples) => new(samples, null);

    /// <summary>A trace that could not be read.</summary>
    public static TraceReadResult Failed(TraceReadError error) =>
        new([], error ?? throw new ArgumentNullException(nameof(error)));
}

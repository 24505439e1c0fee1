using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;

namespace Lumen.Simulator.Environments;

/// <summary>An environment, or every error found in its file (never both).</summary>
public sealed record EnvironmentLoadResult(SimEnvironment? Environment, ImmutableArray<EnvironmentError> Errors)
{
    [MemberNotNullWhen(true, nameof(Environment))]
    public bool IsValid => Environment is not null && Errors.IsEmpty;

    public static EnvironmentLoadResult Failure(string source, string message) =>
        new(null, [new EnvironmentError(source, 0, 0, message)]);
}

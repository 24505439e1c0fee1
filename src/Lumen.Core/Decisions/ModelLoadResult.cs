using System.Diagnostics.CodeAnalysis;

namespace Lumen.Core.Decisions;

/// <summary>
/// Loading a saved model either gives the model or says, in plain words, why not (a corrupt or
/// foreign file is an expected failure, not an exception).
/// </summary>
public sealed record ModelLoadResult<T>(T? Value, string? Error)
    where T : class
{
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsOk => Value is not null;

    public static ModelLoadResult<T> Ok(T value) => new(value, null);

    public static ModelLoadResult<T> Fail(string error) => new(null, error);
}

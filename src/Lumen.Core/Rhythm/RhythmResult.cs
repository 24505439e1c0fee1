using System.Diagnostics.CodeAnalysis;

namespace Lumen.Core.Rhythm;

/// <summary>
/// Either a value or "not enough history" with the reason. Too little history is an expected state
/// of a new or recovering service, so it is a value here, not an exception.
/// </summary>
/// <typeparam name="T">The mapped value.</typeparam>
public sealed record RhythmResult<T>
    where T : class
{
    private RhythmResult(T? value, string? notEnoughHistory)
    {
        Value = value;
        NotEnoughHistory = notEnoughHistory;
    }

    /// <summary>The value; null when <see cref="NotEnoughHistory"/> is set.</summary>
    public T? Value { get; }

    /// <summary>Why the history was not enough; null when there is a value.</summary>
    public string? NotEnoughHistory { get; }

    /// <summary>True when there is a value.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(NotEnoughHistory))]
    public bool IsOk => Value is not null;

    /// <summary>A value.</summary>
    public static RhythmResult<T> Ok(T value) => new(value ?? throw new ArgumentNullException(nameof(value)), null);

    /// <summary>Not enough history, with a reason a person can act on.</summary>
    public static RhythmResult<T> NotEnough(string reason) => new(null, reason);

    /// <summary>Carries a "not enough history" over to another value type.</summary>
    public RhythmResult<TOther> Cast<TOther>()
        where TOther : class =>
        IsOk ? throw new InvalidOperationException("Only a failed result can be cast.") : RhythmResult<TOther>.NotEnough(NotEnoughHistory);
}

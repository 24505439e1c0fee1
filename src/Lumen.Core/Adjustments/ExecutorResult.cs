namespace Lumen.Core.Adjustments;

/// <summary>
/// The outcome of one executor call: <c>Ok(value)</c> or <c>Failed(reason, transient)</c>.
/// <see cref="Detail"/> carries evidence for the ledger (captured command output, HTTP status),
/// never a secret.
/// </summary>
public sealed record ExecutorResult
{
    private readonly double _value;

    private ExecutorResult(bool isOk, double value, string reason, bool transient, string? detail)
    {
        IsOk = isOk;
        _value = value;
        Reason = reason;
        Transient = transient;
        Detail = detail;
    }

    /// <summary>True when the call succeeded and <see cref="Value"/> holds the knob's value.</summary>
    public bool IsOk { get; }

    /// <summary>Why the call failed; empty when <see cref="IsOk"/>.</summary>
    public string Reason { get; }

    /// <summary>
    /// True when retrying the same call later may succeed (timeout, connection refused, 5xx);
    /// false when it will not until someone fixes something (401, missing key, bad file).
    /// </summary>
    public bool Transient { get; }

    /// <summary>Optional evidence (e.g. a command's output), already trimmed to a bounded size.</summary>
    public string? Detail { get; }

    /// <summary>
    /// True when the target refused a conditional write (<see cref="IExecutor.SetIfAsync"/>) because the
    /// knob no longer held the expected value: someone else changed it. Never transient.
    /// </summary>
    public bool IsConflict { get; private init; }

    /// <summary>With <see cref="IsConflict"/>: the value the target says the knob holds, when it said.</summary>
    public double? Observed { get; private init; }

    /// <summary>Who last wrote the knob's configuration, when the target says (the http executor's <c>Lumen-Written-By</c>); null when it cannot.</summary>
    public string? WrittenBy { get; init; }

    /// <summary>The knob's value. Reading it from a failed result is a bug, so it throws.</summary>
    public double Value => IsOk
        ? _value
        : throw new InvalidOperationException($"A failed executor result has no value ({Reason}).");

    public static ExecutorResult Ok(double value, string? detail = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A knob value must be finite.");
        }

        return new ExecutorResult(true, value, string.Empty, false, detail);
    }

    public static ExecutorResult Failed(string reason, bool transient, string? detail = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ExecutorResult(false, double.NaN, reason, transient, detail);
    }

    /// <summary>A conditional write refused by the target: the knob holds <paramref name="observed"/> (when known), not the expected value.</summary>
    public static ExecutorResult Conflicted(string reason, double? observed, string? writtenBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new ExecutorResult(false, double.NaN, reason, false, null)
        {
            IsConflict = true,
            Observed = observed is { } o && double.IsFinite(o) ? o : null,
            WrittenBy = writtenBy,
        };
    }

    public override string ToString() =>
        IsOk ? $"Ok({_value.ToString("R", System.Globalization.CultureInfo.InvariantCulture)})"
             : $"Failed({Reason}, transient: {Transient})";
}

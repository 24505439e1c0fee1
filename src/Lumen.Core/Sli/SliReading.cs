namespace Lumen.Core.Sli;

/// <summary>
/// One SLI reading: a status, the value (meaningful only when <see cref="SliStatus.Ok"/>; NaN
/// otherwise) and, when not Ok, the reason a person can act on.
/// </summary>
/// <remarks>
/// Build readings with the factories so the invariants hold: an Ok reading is always finite, and a
/// reading that is not Ok never carries a number that could be mistaken for data.
/// </remarks>
public readonly record struct SliReading
{
    private SliReading(SliStatus status, double value, string? reason)
    {
        Status = status;
        Value = value;
        Reason = reason;
    }

    /// <summary>What happened when the SLI was read.</summary>
    public SliStatus Status { get; }

    /// <summary>The value when <see cref="Status"/> is Ok; NaN otherwise.</summary>
    public double Value { get; }

    /// <summary>Why the reading is not Ok; null when it is.</summary>
    public string? Reason { get; }

    /// <summary>True when the reading may feed a decision.</summary>
    public bool IsOk => Status == SliStatus.Ok;

    /// <summary>A finite value. Passing NaN or ±Inf is a bug in the caller (use <see cref="Of"/> for untrusted numbers).</summary>
    public static SliReading Ok(double value)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "An Ok SLI reading must be finite; use SliReading.Of for untrusted values.");
        }

        return new(SliStatus.Ok, value, null);
    }

    /// <summary>Classifies an untrusted number: finite → Ok, NaN or ±Inf → Invalid with the reason.</summary>
    public static SliReading Of(double value) => double.IsFinite(value)
        ? new(SliStatus.Ok, value, null)
        : Invalid(double.IsNaN(value) ? "value is NaN" : $"value is {(value > 0 ? "+Inf" : "-Inf")}");

    /// <summary>The query returned no series.</summary>
    public static SliReading Missing(string reason) => new(SliStatus.Missing, double.NaN, reason);

    /// <summary>The value is older than the freshness limit.</summary>
    public static SliReading Stale(string reason) => new(SliStatus.Stale, double.NaN, reason);

    /// <summary>The value cannot be used (NaN, ±Inf, several series).</summary>
    public static SliReading Invalid(string reason) => new(SliStatus.Invalid, double.NaN, reason);

    /// <summary>The query failed (HTTP or query error, timeout).</summary>
    public static SliReading Error(string reason) => new(SliStatus.Error, double.NaN, reason);

    /// <summary>The value for a <see cref="SliSample"/>: the number when Ok, NaN otherwise (never 0).</summary>
    public double ValueOrNaN => IsOk ? Value : double.NaN;
}

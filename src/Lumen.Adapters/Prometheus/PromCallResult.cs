namespace Lumen.Adapters.Prometheus;

/// <summary>
/// The outcome of one API call after retries: the data, or why there are none. A failure is an
/// expected value (docs/loop.md), never an exception; <see cref="Transient"/> says whether the last
/// attempt failed in a way that a retry might fix (5xx, 408, 429, timeout, connection error).
/// </summary>
public sealed record PromCallResult
{
    private PromCallResult(PromQueryData? data, string? error, bool transient)
    {
        Data = data;
        Error = error;
        Transient = transient;
    }

    public PromQueryData? Data { get; }

    /// <summary>Why the call failed (status, errorType, a snippet of the body); never a credential.</summary>
    public string? Error { get; }

    public bool Transient { get; }

    public bool IsOk => Data is not null;

    public static PromCallResult Ok(PromQueryData data) => new(data, null, false);

    public static PromCallResult Failed(string error, bool transient) => new(null, error, transient);
}

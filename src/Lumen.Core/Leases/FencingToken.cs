namespace Lumen.Core.Leases;

/// <summary>
/// The fencing token the loop currently holds for one target, shared with that target's executor so
/// every write carries it (the http executor's <c>Lumen-Fencing-Token</c> header; the file executor
/// checks it against the lease file before it writes). Null while no lease is held. Thread-safe.
/// </summary>
public sealed class FencingToken
{
    /// <summary>The header the http executor sends and the demo service checks.</summary>
    public const string HeaderName = "Lumen-Fencing-Token";

    private long _value;

    /// <summary>The token, or null when none is held.</summary>
    public long? Value
    {
        get
        {
            var v = Interlocked.Read(ref _value);
            return v > 0 ? v : null;
        }
        set => Interlocked.Exchange(ref _value, value ?? 0);
    }
}

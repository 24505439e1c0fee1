namespace Lumen.Adapters.Executors;

/// <summary>What the <c>http</c> executor PUTs.</summary>
public enum HttpPutMode
{
    /// <summary><c>{"knob": value}</c>: the endpoint merges it into its configuration (the default).</summary>
    Knob,

    /// <summary>GET the whole object, change the knob, PUT the whole object back (for endpoints that replace).</summary>
    Object,
}

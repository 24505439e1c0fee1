namespace Lumen.Adapters.Executors;

/// <summary>Settings of the <c>http</c> executor.</summary>
/// <param name="Url">The admin endpoint: GET returns a JSON object of knob values, PUT changes them.</param>
/// <param name="BearerToken">Already resolved from env or file by the caller; sent as <c>Authorization: Bearer</c>, never logged or printed.</param>
/// <param name="Timeout">Per request (a PUT in <see cref="HttpPutMode.Object"/> mode makes two requests). Default 2 s.</param>
/// <param name="PutMode">Partial object (default) or whole object.</param>
public sealed record HttpExecutorOptions(Uri Url, string? BearerToken = null, TimeSpan? Timeout = null, HttpPutMode PutMode = HttpPutMode.Knob)
{
    /// <summary>The fencing token the loop holds for this target; every PUT carries it (<c>Lumen-Fencing-Token</c>) when set. Default none.</summary>
    public Lumen.Core.Leases.FencingToken? Fence { get; init; }

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(2);

    public TimeSpan EffectiveTimeout => Timeout ?? DefaultTimeout;

    /// <summary>The URL without user info, for messages.</summary>
    public string DisplayUrl => Url.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);

    // A record prints every property; the token must never reach a log or an exception message.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Url = ").Append(DisplayUrl)
            .Append(", BearerToken = ").Append(BearerToken is null ? "(none)" : "***")
            .Append(", Timeout = ").Append(EffectiveTimeout)
            .Append(", PutMode = ").Append(PutMode);
        return true;
    }
}

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// How to authenticate to Prometheus or a compatible backend behind a proxy: nothing, basic auth or
/// a bearer token. Values come from env or <c>*_FILE</c> (<see cref="PrometheusAuthReader"/>) and are
/// never printed: <see cref="ToString"/> hides them.
/// </summary>
public sealed record PrometheusAuth
{
    private PrometheusAuth(string? user, string? password, string? token)
    {
        User = user;
        Password = password;
        BearerToken = token;
    }

    public static PrometheusAuth None { get; } = new(null, null, null);

    public string? User { get; }

    public string? Password { get; }

    public string? BearerToken { get; }

    public static PrometheusAuth Basic(string user, string password)
    {
        ArgumentException.ThrowIfNullOrEmpty(user);
        ArgumentNullException.ThrowIfNull(password);
        return new(user, password, null);
    }

    public static PrometheusAuth Bearer(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new(null, null, token);
    }

    /// <summary>The Authorization header value, or null for none.</summary>
    internal System.Net.Http.Headers.AuthenticationHeaderValue? Header() =>
        BearerToken is not null ? new("Bearer", BearerToken)
        : User is not null ? new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{User}:{Password}")))
        : null;

    public override string ToString() =>
        BearerToken is not null ? "bearer ***" : User is not null ? $"basic {User}:***" : "none";
}

using Lumen.Adapters.Config;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// Reads Prometheus credentials from the environment (docs/live.md): a bearer token from
/// <c>{prefix}_BEARER_TOKEN</c>, or basic auth from <c>{prefix}_USERNAME</c> and
/// <c>{prefix}_PASSWORD</c>; each secret may instead be in the file named by its <c>_FILE</c> twin.
/// The default prefix is <c>PROMETHEUS</c> (<c>LOKI</c> for Loki).
/// </summary>
public static class PrometheusAuthReader
{
    /// <summary>The credentials, or an error naming the variable (never its value).</summary>
    public static (PrometheusAuth Auth, string? Error) Read(SecretReader secrets, string prefix = "PROMETHEUS")
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var token = secrets.Read(prefix + "_BEARER_TOKEN");
        var user = secrets.Read(prefix + "_USERNAME");
        var password = secrets.Read(prefix + "_PASSWORD");
        foreach (var r in new[] { token, user, password })
        {
            if (r.IsError)
            {
                return (PrometheusAuth.None, r.Error);
            }
        }

        if (token.IsSet && (user.IsSet || password.IsSet))
        {
            return (PrometheusAuth.None, $"both {prefix}_BEARER_TOKEN and {prefix}_USERNAME/{prefix}_PASSWORD are set: expected one way to authenticate");
        }

        if (token.IsSet)
        {
            return (PrometheusAuth.Bearer(token.Value!), null);
        }

        if (user.IsSet != password.IsSet)
        {
            return (PrometheusAuth.None, $"basic auth needs both {prefix}_USERNAME and {prefix}_PASSWORD (or their _FILE twins)");
        }

        return user.IsSet ? (PrometheusAuth.Basic(user.Value!, password.Value!), null) : (PrometheusAuth.None, null);
    }
}

using System.Collections.Immutable;
using System.Globalization;

namespace Lumen.Core.Policy;

/// <summary>Reads and validates the environment overrides (docs/configuration.md). An empty value
/// counts as not set, as shells make <c>VAR=</c> easy to leave behind.</summary>
public static class EnvOverridesParser
{
    public const string BoolRule = "one of 0, 1, true, false";

    public static (EnvOverrides Overrides, ImmutableArray<ConfigProblem> Problems) Parse(IEnvironmentVariables env)
    {
        ArgumentNullException.ThrowIfNull(env);
        var sink = new ProblemSink(ConfigFiles.Environment);

        var stage = Value(env, EnvVars.Stage);
        if (stage is not null && !ConfigNames.IsIdentifier(stage))
        {
            sink.Add(EnvVars.Stage, $"expected a stage name of {ConfigNames.IdentifierRule}, found {ConfigText.Quote(stage)}");
            stage = null;
        }

        var configDir = Value(env, EnvVars.ConfigDir) ?? EnvVars.DefaultConfigDir;
        var stateDir = Value(env, EnvVars.StateDir) ?? EnvVars.DefaultStateDir;

        Uri? prometheus = null;
        if (Value(env, EnvVars.PrometheusUrl) is { } url)
        {
            if (Uri.TryCreate(url, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps))
            {
                prometheus = u;
            }
            else
            {
                sink.Add(EnvVars.PrometheusUrl, $"expected an absolute http(s) URL, found {ConfigText.Quote(url)}");
            }
        }

        double? lambda = null;
        if (Value(env, EnvVars.RewardMixLambda) is { } l)
        {
            if (double.TryParse(l, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x is >= 0 and <= 1)
            {
                lambda = x;
            }
            else
            {
                sink.Add(EnvVars.RewardMixLambda, $"expected a number in [0, 1], found {ConfigText.Quote(l)}");
            }
        }

        var overrides = new EnvOverrides(
            stage,
            configDir,
            stateDir,
            prometheus,
            lambda,
            Bool(env, sink, EnvVars.DryRun),
            Bool(env, sink, EnvVars.SafeApply),
            Bool(env, sink, EnvVars.ApprovalRequired));
        return (overrides, sink.ToImmutable());
    }

    /// <summary>Parses 0/1/true/false (case-insensitive); anything else is null.</summary>
    public static bool? ParseBool(string text) => text.Trim().ToUpperInvariant() switch
    {
        "1" or "TRUE" => true,
        "0" or "FALSE" => false,
        _ => null,
    };

    private static string? Value(IEnvironmentVariables env, string name) =>
        env.Get(name) is { Length: > 0 } v ? v : null;

    private static bool? Bool(IEnvironmentVariables env, ProblemSink sink, string name)
    {
        if (Value(env, name) is not { } text)
        {
            return null;
        }

        var b = ParseBool(text);
        if (b is null)
        {
            sink.Add(name, $"expected {BoolRule}, found {ConfigText.Quote(text)}");
        }

        return b;
    }
}

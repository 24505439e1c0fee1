using Lumen.Adapters.Config;
using Lumen.Core.Adjustments;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Executors;

/// <summary>Builds the executor a validated <see cref="ExecutorSpec"/> describes, reading its token (if any) through <see cref="SecretReader"/>.</summary>
public static class ExecutorSpecs
{
    public static IExecutor Build(ExecutorSpec spec, ExecutorFactory factory, SecretReader secrets)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(secrets);
        var settings = new Dictionary<string, object?>(StringComparer.Ordinal);
        switch (spec)
        {
            case HttpExecutorSpec http:
                settings["url"] = http.Url.ToString();
                settings["timeout_ms"] = http.TimeoutMs;
                if (http.TokenEnv is { } env)
                {
                    var token = secrets.Read(env);
                    settings["token"] = token.IsError ? throw new ExecutorConfigurationException(token.Error!) : token.Value;
                }

                break;
            case FileExecutorSpec file:
                settings["path"] = file.Path;
                settings["format"] = file.Format.ToString().ToLowerInvariant();
                if (!file.ReloadCommand.IsDefaultOrEmpty)
                {
                    settings["reload_command"] = file.ReloadCommand.ToArray();
                }

                break;
            case CommandExecutorSpec command:
                settings["command"] = command.Command.ToArray();
                settings["timeout_ms"] = command.TimeoutMs;
                break;
        }

        return factory.Create(spec.Kind, settings);
    }

    /// <summary>Where the executor acts, for plans and logs (never a token).</summary>
    public static string Target(ExecutorSpec spec) => spec switch
    {
        HttpExecutorSpec http => http.Url.GetLeftPart(UriPartial.Path),
        FileExecutorSpec file => file.Path,
        CommandExecutorSpec command => string.Join(' ', command.Command),
        _ => spec.Kind,
    };
}

using System.Collections.Immutable;
using Lumen.Core.Documents;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Config;

/// <summary>The one way commands get their configuration: env overrides, then the config directory,
/// then the chosen stage. Precedence: command-line option, then environment variable, then default.</summary>
public static class SettingsLoader
{
    /// <param name="configDirOption">--config-dir, or null.</param>
    /// <param name="stageOption">--stage, or null (then LUMEN_STAGE, else no stage).</param>
    public static SettingsLoadResult Load(IEnvironmentVariables env, string? configDirOption, string? stageOption)
    {
        ArgumentNullException.ThrowIfNull(env);
        var (overrides, envProblems) = EnvOverridesParser.Parse(env);
        var errors = ImmutableArray.CreateBuilder<ConfigError>();
        errors.AddRange(envProblems.Select(p => new ConfigError(ConfigFiles.Environment, 0, 0, p.Path, p.Message)));

        var configDir = string.IsNullOrEmpty(configDirOption) ? overrides.ConfigDir : configDirOption;
        var loaded = ConfigLoader.Load(configDir);
        errors.AddRange(loaded.Errors);

        var stageName = string.IsNullOrEmpty(stageOption) ? overrides.Stage : stageOption;
        if (loaded.Config is { } config && stageName is not null)
        {
            foreach (var p in ConfigValidator.ValidateStage(config, stageName))
            {
                var source = stageOption is null ? $"{EnvVars.Stage}={stageName}" : $"--stage {stageName}";
                errors.Add(new ConfigError(Path.Combine(configDir, p.Source), 0, 0, p.Path, $"{p.Message} (from {source})"));
            }
        }

        if (errors.Count > 0 || loaded.Config is null)
        {
            return new SettingsLoadResult(null, errors.ToImmutable());
        }

        var stage = stageName is null ? null : loaded.Config.StageMatrix.Find(stageName);
        var settings = new LumenSettings(
            stage is null ? loaded.Config : WithSelector(loaded.Config, stage.SelectorText),
            overrides,
            configDir,
            stage is null ? null : overrides.ApplyTo(stage),
            stageName is null ? null : loaded.Config.CanaryPolicy.Find(stageName));
        return new SettingsLoadResult(settings, []);
    }

    /// <summary>The services with the stage's <c>$selector</c> filled in, so every command reads the
    /// same series the loop does.</summary>
    private static LumenConfig WithSelector(LumenConfig config, string selector) => config with
    {
        Services = new ServiceCatalog([.. config.Services.Services.Select(s => s with
        {
            Sli = s.Sli.Map(t => t.Replace("$selector", selector, StringComparison.Ordinal)),
        })]),
    };
}

namespace Lumen.Adapters.Executors;

/// <summary>The formats the <c>file</c> executor can edit.</summary>
public enum ConfigFileFormat
{
    Yaml,
    Json,
    Env,
}

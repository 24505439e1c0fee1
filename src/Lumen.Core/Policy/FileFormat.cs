namespace Lumen.Core.Policy;

/// <summary>Format of a file the <c>file</c> executor rewrites.</summary>
public enum FileFormat
{
    Yaml,
    Json,
    Env,
}

namespace Lumen.Core.Documents;

/// <summary>One error in a configuration file (or a simulator environment file), precise enough to fix without reading code.</summary>
/// <param name="File">The file as the user named it (e.g. <c>config/services.yaml</c>), or <c>env</c>.</param>
/// <param name="Line">1-based line; 0 when there is no position (environment variables).</param>
/// <param name="Column">1-based column; 0 when there is no position.</param>
/// <param name="Path">The key path (<c>stages.prod.policy.reward_mix_lambda</c>) or the variable name.</param>
/// <param name="Message">What was expected and what was found.</param>
public sealed record ConfigError(string File, int Line, int Column, string Path, string Message)
{
    /// <summary><c>file:line:column: key: message</c>, the form compilers use, so editors can jump to it.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line}:{Column}" : File;
        return Path.Length > 0 ? $"{where}: {Path}: {Message}" : $"{where}: {Message}";
    }
}

namespace Lumen.Adapters.Config.Yaml;

/// <summary>A 1-based line and column in a YAML file.</summary>
internal readonly record struct YPosition(int Line, int Column)
{
    public static YPosition From(YamlDotNet.Core.Mark mark) =>
        new(checked((int)mark.Line), checked((int)mark.Column));
}

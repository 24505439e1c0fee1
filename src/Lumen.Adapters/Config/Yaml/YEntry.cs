namespace Lumen.Adapters.Config.Yaml;

internal sealed record YEntry(YScalar Key, YNode Value);

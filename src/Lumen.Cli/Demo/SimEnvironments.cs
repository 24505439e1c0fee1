using Lumen.Adapters.Config.Yaml;
using Lumen.Simulator.Environments;

namespace Lumen.Cli.Demo;

/// <summary>
/// The simulator's environment loader, composed with the adapters' YAML reader (the simulator reads
/// the core's node tree and references no YAML library; docs/simulator.md, "Environment files").
/// </summary>
internal static class SimEnvironments
{
    public static EnvironmentLoader Loader { get; } = new(YamlTreeReader.Read);
}

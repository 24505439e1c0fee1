using Lumen.Adapters.Config.Yaml;
using Lumen.Simulator.Environments;

namespace Lumen.Simulator.Tests;

/// <summary>The environment loader as the CLI composes it (the adapters' YAML reader), and the shipped environments, loaded once per test.</summary>
internal static class TestEnvironments
{
    public static EnvironmentLoader Loader { get; } = new(YamlTreeReader.Read);

    public static SimEnvironment Load(string name)
    {
        var result = Loader.LoadEmbedded(name);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Environment;
    }

    public static SimEnvironment Steady => Load("steady");
}

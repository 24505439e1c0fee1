using Lumen.Simulator.Environments;

namespace Lumen.Simulator.Tests;

/// <summary>The shipped environments, loaded once per test.</summary>
internal static class TestEnvironments
{
    public static SimEnvironment Load(string name)
    {
        var result = EnvironmentLoader.LoadEmbedded(name);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Errors));
        return result.Environment;
    }

    public static SimEnvironment Steady => Load("steady");
}

using Lumen.Cli.Commands.Run;

namespace Lumen.Cli.Tests.Commands;

/// <summary><c>lumen run --listen</c>: an IP address (0.0.0.0 in a container), anything else refused before the run starts.</summary>
public sealed class RunSettingsTests
{
    [Theory]
    [InlineData("0.0.0.0")]
    [InlineData("127.0.0.1")]
    [InlineData("::")]
    public void Validate_ListenIsAnIpAddress_Succeeds(string listen) =>
        Assert.True(new RunSettings { Listen = listen }.Validate().Successful);

    [Fact]
    public void Validate_ListenIsAHostName_FailsNamingTheOption()
    {
        var result = new RunSettings { Listen = "lumen.local" }.Validate();

        Assert.False(result.Successful);
        Assert.Equal("--listen must be an IP address (127.0.0.1, 0.0.0.0, ::), not 'lumen.local'", result.Message);
    }
}

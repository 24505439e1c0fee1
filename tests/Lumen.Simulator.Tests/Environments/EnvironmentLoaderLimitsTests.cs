using Lumen.Simulator.Environments;

namespace Lumen.Simulator.Tests.Environments;

public sealed class EnvironmentLoaderLimitsTests
{
    [Fact]
    public void Parse_200000NestedBrackets_PositionedErrorNotStackOverflow()
    {
        var result = EnvironmentLoader.Parse("name: x\nload: " + new string('[', 200_000) + "\n", "deep.yaml");

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("deep.yaml", 2, 70), (error.Source, error.Line, error.Column));
        Assert.Contains("at most 64 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFile_LargerThanTheLimit_RefusedBeforeReading()
    {
        var path = Path.Combine(Path.GetTempPath(), $"lumen-env-{Guid.NewGuid():N}.yaml");
        try
        {
            using (var file = File.Create(path))
            {
                file.SetLength(EnvironmentLoader.MaxBytes + 1);
            }

            var result = EnvironmentLoader.LoadFile(path);

            Assert.Contains("at most 4194304 bytes", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

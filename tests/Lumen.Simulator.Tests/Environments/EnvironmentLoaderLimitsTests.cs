using Lumen.Simulator.Environments;

namespace Lumen.Simulator.Tests.Environments;

public sealed class EnvironmentLoaderLimitsTests
{
    [Fact]
    public void Parse_200000NestedBrackets_PositionedErrorNotStackOverflow()
    {
        var result = TestEnvironments.Loader.Parse("name: x\nload: " + new string('[', 200_000) + "\n", "deep.yaml");

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("deep.yaml", 2, 70), (error.Source, error.Line, error.Column));
        Assert.Contains("at most 64 levels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_AliasBomb_PositionedErrorAtTheAliasNotExpansion()
    {
        // Ten levels of ten aliases each: ten billion scalars once expanded, 1 KiB of text.
        var text = new System.Text.StringBuilder("name: x\na0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i <= 9; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var result = TestEnvironments.Loader.Parse(text.ToString(), "bomb.yaml");

        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors);
        // a5 (line 7) expands to 1,111,111 nodes, a6 (line 8) to 11,111,111: one of a6's aliases crosses 4,000,000.
        Assert.Equal(("bomb.yaml", 8), (error.Source, error.Line));
        Assert.Contains("at most 4000000 nodes with every alias expanded", error.Message, StringComparison.Ordinal);
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

            var result = TestEnvironments.Loader.LoadFile(path);

            Assert.Contains("at most 4194304 bytes", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}

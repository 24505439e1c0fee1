using Lumen.Adapters.Config;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Tests.Config;

public sealed class SecretReaderTests
{
    private const string Secret = "s3cr3t-value-do-not-print";

    private static SecretReader Reader(params (string Name, string Value)[] vars) =>
        new(new DictionaryEnvironmentVariables(vars.ToDictionary(v => v.Name, v => v.Value)));

    [Fact]
    public void Read_FromVariable_ReturnsTheValue()
    {
        var result = Reader(("TOKEN", Secret)).Read("TOKEN");

        Assert.True(result.IsSet);
        Assert.Equal(Secret, result.Value);
        Assert.Equal("TOKEN", result.Source);
    }

    [Fact]
    public void Read_FromFile_ReturnsTheContentWithoutTrailingNewline()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("token"), Secret + "\n");

        var result = Reader(("TOKEN_FILE", dir.File("token"))).Read("TOKEN");

        Assert.Equal(Secret, result.Value);
        Assert.Equal(dir.File("token"), result.Source);
    }

    [Fact]
    public void Read_BothSet_IsAnErrorNamingBothVariables()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("token"), Secret);

        var result = Reader(("TOKEN", Secret), ("TOKEN_FILE", dir.File("token"))).Read("TOKEN");

        Assert.True(result.IsError);
        Assert.Null(result.Value);
        Assert.Contains("TOKEN and TOKEN_FILE", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(Secret, result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_FileMissing_IsAnErrorNamingTheVariable()
    {
        var result = Reader(("TOKEN_FILE", "/nonexistent/lumen/token")).Read("TOKEN");

        Assert.True(result.IsError);
        Assert.Contains("TOKEN_FILE", result.Error, StringComparison.Ordinal);
        Assert.Contains("no such file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_EmptyFile_IsAnError()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("token"), "\n");

        var result = Reader(("TOKEN_FILE", dir.File("token"))).Read("TOKEN");

        Assert.True(result.IsError);
        Assert.Contains("empty file", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NeitherSet_IsNotSetAndNoError()
    {
        var result = Reader().Read("TOKEN");

        Assert.False(result.IsSet);
        Assert.False(result.IsError);
    }

    [Fact]
    public void ToString_NeverContainsTheValue()
    {
        var result = Reader(("TOKEN", Secret)).Read("TOKEN");

        Assert.DoesNotContain(Secret, result.ToString(), StringComparison.Ordinal);
        Assert.Contains("value hidden", result.ToString(), StringComparison.Ordinal);
    }
}

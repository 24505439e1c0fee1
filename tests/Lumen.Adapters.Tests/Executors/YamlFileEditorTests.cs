using FsCheck;
using FsCheck.Xunit;
using Lumen.Adapters.Executors;

namespace Lumen.Adapters.Tests.Executors;

public sealed class YamlFileEditorTests
{
    private const string Sample =
        "# checkout canary\n" +
        "concurrency_limit: 32   # worker slots\n" +
        "timeout_ms: \"1500\"\n" +
        "server:\n" +
        "  concurrency_limit: 8  # nested, must not change\n" +
        "  hosts: [a, b]\n";

    [Fact]
    public void Write_TopLevelKey_ChangesOnlyThatLineAndKeepsComments()
    {
        var edit = YamlFileEditor.Instance.Write(Sample, "concurrency_limit", 36);

        Assert.Equal(Sample.Replace("concurrency_limit: 32 ", "concurrency_limit: 36 ", StringComparison.Ordinal), edit.NewText);
    }

    [Fact]
    public void Write_QuotedValue_KeepsTheQuotes()
    {
        var edit = YamlFileEditor.Instance.Write(Sample, "timeout_ms", 1600);

        Assert.Contains("timeout_ms: \"1600\"\n", edit.NewText, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MissingKey_AppendsAtTopLevel()
    {
        var edit = YamlFileEditor.Instance.Write(Sample, "cache_size_mb", 512);

        Assert.Equal(Sample + "cache_size_mb: 512\n", edit.NewText);
    }

    [Fact]
    public void Write_KeyHoldingAMapping_IsRefused()
    {
        var edit = YamlFileEditor.Instance.Write(Sample, "server", 1);

        Assert.Null(edit.NewText);
        Assert.Contains("single-line scalar", edit.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_InvalidYaml_IsRefused()
    {
        var edit = YamlFileEditor.Instance.Write("a: [1, 2\n", "a", 1);

        Assert.Contains("invalid YAML", edit.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TopLevelKey_IgnoresTheNestedOneOfTheSameName()
    {
        Assert.Equal(32, YamlFileEditor.Instance.Read(Sample, "concurrency_limit").Value);
    }

    [Fact]
    public void Write_EmptyFile_AppendsKey()
    {
        var edit = YamlFileEditor.Instance.Write("", "a", 2);

        Assert.Equal("a: 2\n", edit.NewText);
    }

    [Property]
    public bool Write_ThenRead_RoundTripsAnyFiniteValue(NormalFloat value)
    {
        var text = YamlFileEditor.Instance.Write(Sample, "concurrency_limit", value.Get).NewText!;

        return YamlFileEditor.Instance.Read(text, "concurrency_limit").Value == value.Get
            && text.EndsWith("   # worker slots\ntimeout_ms: \"1500\"\nserver:\n  concurrency_limit: 8  # nested, must not change\n  hosts: [a, b]\n", StringComparison.Ordinal);
    }
}

using FsCheck;
using FsCheck.Xunit;
using Lumen.Adapters.Executors;

namespace Lumen.Adapters.Tests.Executors;

public sealed class EnvFileEditorTests
{
    private const string Sample =
        "# search canary settings\n" +
        "\n" +
        "export CACHE_SIZE_MB=1024   # hot set fits\n" +
        "CONCURRENCY_LIMIT=\"16\"\n" +
        "GREETING='hello # not a comment'\n";

    [Fact]
    public void Write_ExistingKey_ChangesOnlyItsValue()
    {
        var edit = EnvFileEditor.Instance.Write(Sample, "CACHE_SIZE_MB", 2048);

        Assert.Equal(Sample.Replace("=1024   #", "=2048   #", StringComparison.Ordinal), edit.NewText);
    }

    [Fact]
    public void Write_QuotedValue_KeepsTheQuotes()
    {
        var edit = EnvFileEditor.Instance.Write(Sample, "CONCURRENCY_LIMIT", 18);

        Assert.Contains("CONCURRENCY_LIMIT=\"18\"\n", edit.NewText, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_MissingKey_AppendsAssignment()
    {
        var edit = EnvFileEditor.Instance.Write("A=1", "TIMEOUT_MS", 1500);

        Assert.Equal("A=1\nTIMEOUT_MS=1500\n", edit.NewText);
    }

    [Fact]
    public void Write_CrlfFile_KeepsCrlf()
    {
        var edit = EnvFileEditor.Instance.Write("# c\r\nA=1\r\nB=2\r\n", "A", 3);

        Assert.Equal("# c\r\nA=3\r\nB=2\r\n", edit.NewText);
    }

    [Fact]
    public void Read_DuplicateKey_TakesTheLastLikeAShell()
    {
        var result = EnvFileEditor.Instance.Read("A=1\nA=2\n", "A");

        Assert.Equal(2, result.Value);
    }

    [Fact]
    public void Read_NonNumericValue_FailsNamingTheKey()
    {
        var result = EnvFileEditor.Instance.Read(Sample, "GREETING");

        Assert.False(result.IsOk);
        Assert.Contains("GREETING", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingKey_Fails()
    {
        Assert.False(EnvFileEditor.Instance.Read(Sample, "NOPE").IsOk);
    }

    [Property]
    public bool Write_ThenRead_RoundTripsAnyFiniteValue(NormalFloat value)
    {
        var text = EnvFileEditor.Instance.Write(Sample, "CACHE_SIZE_MB", value.Get).NewText!;

        return EnvFileEditor.Instance.Read(text, "CACHE_SIZE_MB").Value == value.Get
            && text.StartsWith("# search canary settings\n\nexport CACHE_SIZE_MB=", StringComparison.Ordinal)
            && text.EndsWith("   # hot set fits\nCONCURRENCY_LIMIT=\"16\"\nGREETING='hello # not a comment'\n", StringComparison.Ordinal);
    }
}

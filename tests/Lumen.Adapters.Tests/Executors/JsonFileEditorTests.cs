using FsCheck;
using FsCheck.Xunit;
using Lumen.Adapters.Executors;

namespace Lumen.Adapters.Tests.Executors;

public sealed class JsonFileEditorTests
{
    private const string Sample = "{\n  \"name\": \"café\",\n  \"concurrency_limit\": 32,\n  \"timeout_ms\": \"1500\",\n  \"nested\": {\n    \"a\": [\n      1,\n      2\n    ]\n  }\n}\n";

    [Fact]
    public void Write_NumberKey_KeepsEveryOtherPropertyAndTheOrder()
    {
        var edit = JsonFileEditor.Instance.Write(Sample, "concurrency_limit", 36);

        Assert.Equal(Sample.Replace("32", "36", StringComparison.Ordinal), edit.NewText);
    }

    [Fact]
    public void Write_StringHeldNumber_StaysAString()
    {
        var edit = JsonFileEditor.Instance.Write(Sample, "timeout_ms", 1600);

        Assert.Contains("\"timeout_ms\": \"1600\"", edit.NewText, StringComparison.Ordinal);
        Assert.Equal(1600, JsonFileEditor.Instance.Read(edit.NewText!, "timeout_ms").Value);
    }

    [Fact]
    public void Write_MissingKey_AddsItAtTheEnd()
    {
        var edit = JsonFileEditor.Instance.Write("{\"a\": 1}", "b", 0.5);

        Assert.Equal("{\n  \"a\": 1,\n  \"b\": 0.5\n}", edit.NewText);
    }

    [Theory]
    [InlineData("{\"a\": 1 // comment\n}", "invalid JSON")]
    [InlineData("[1, 2]", "not an object")]
    [InlineData("{\"nested\": {}}", "not a number")]
    public void Write_UnsupportedDocument_IsRefusedWithReason(string text, string reason)
    {
        var key = text.Contains("nested", StringComparison.Ordinal) ? "nested" : "a";

        var edit = JsonFileEditor.Instance.Write(text, key, 1);

        Assert.Null(edit.NewText);
        Assert.Contains(reason, edit.Error, StringComparison.Ordinal);
    }

    [Property]
    public bool Write_ThenRead_RoundTripsAnyFiniteValue(NormalFloat value)
    {
        var text = JsonFileEditor.Instance.Write(Sample, "concurrency_limit", value.Get).NewText!;

        return JsonFileEditor.Instance.Read(text, "concurrency_limit").Value == value.Get
            && JsonFileEditor.Instance.Read(text, "timeout_ms").Value == 1500;
    }
}

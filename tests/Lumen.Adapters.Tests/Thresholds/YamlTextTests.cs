using FsCheck;
using FsCheck.Fluent;
using Lumen.Adapters.Thresholds;
using YamlDotNet.RepresentationModel;

namespace Lumen.Adapters.Tests.Thresholds;

public sealed class YamlTextTests
{
    [Theory]
    [InlineData("dev", "dev")]
    [InlineData("service_track:lumen_sli_error_ratio:rate5m", "service_track:lumen_sli_error_ratio:rate5m")]
    [InlineData("true", "'true'")]
    [InlineData("14.4", "'14.4'")]
    [InlineData("1h", "'1h'")]
    [InlineData("it's", "'it''s'")]
    [InlineData("{{ $labels.service }}", "'{{ $labels.service }}'")]
    [InlineData("a\nb", "\"a\\nb\"")]
    [InlineData("a\u2028b", "\"a\\u2028b\"")]
    [InlineData("a\n", "\"a\\n\"")]
    [InlineData("a:", "'a:'")]
    public void Scalar_Value_IsQuotedOnlyWhenYamlWouldMisreadIt(string value, string expected)
    {
        Assert.Equal(expected, YamlText.Scalar(value));
    }

    [FsCheck.Xunit.Property(MaxTest = 1000, Replay = "(20260131,1)")]
    public Property Scalar_AnyString_ReadsBackUnchanged(NonNull<string> value)
    {
        // Lone surrogates cannot be written as UTF-8 at all; YAML has nothing to say about them.
        var text = new string(value.Get.Where(c => !char.IsSurrogate(c) && c != '\uFEFF').ToArray());
        var yaml = "key: " + YamlText.Scalar(text) + "\n";
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var read = ((YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("key")]).Value;
        return (read == text).Label($"{text} → {yaml} → {read}");
    }

    [Fact]
    public void AppendBlock_PromQl_IsALiteralBlockThatReadsBack()
    {
        var sb = new System.Text.StringBuilder();
        var expr = "sum(rate(x{a=\"b\"}[5m]))\n/ 2";

        YamlText.AppendBlock(sb, "  ", "expr", expr);

        Assert.Equal("  expr: |-\n    sum(rate(x{a=\"b\"}[5m]))\n    / 2\n", sb.ToString());
        var stream = new YamlStream();
        stream.Load(new StringReader(sb.ToString()));
        Assert.Equal(expr, ((YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("expr")]).Value);
    }

    [Theory]
    [InlineData("LumenLatencyP95OverSlo", "lumen-latency-p95-over-slo")]
    [InlineData("LumenErrorBudgetBurn", "lumen-error-budget-burn")]
    [InlineData("LumenLoopStale", "lumen-loop-stale")]
    public void Anchor_AlertName_IsKebabCase(string alert, string anchor)
    {
        Assert.Equal(anchor, LumenAlertCatalog.Anchor(alert));
    }
}

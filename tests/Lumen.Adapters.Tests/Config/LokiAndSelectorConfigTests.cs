using Lumen.Adapters.Config;
using Lumen.Adapters.Prometheus;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Tests.Config;

/// <summary>services.yaml's optional <c>sli.loki</c> templates and the stage's <c>selector</c>.</summary>
public sealed class LokiAndSelectorConfigTests
{
    private const string ErrorRateLines = """
              error_rate: >-
                sum by (service, track) (rate(http_requests_errors_total{service=~"$service", track=~"$track"}[$window]))
                / sum by (service, track) (rate(http_requests_received_total{service=~"$service", track=~"$track"}[$window]))

        """;

    private const string LokiBlock = """
              loki:
                error_rate: >-
                  sum by (service, track) (rate({service=~"$service", track=~"$track"} |= "error" [$window]))
                  / sum by (service, track) (rate({service=~"$service", track=~"$track"}[$window]))

        """;

    private static TempDir WithServices(Func<string, string> edit)
    {
        var dir = ConfigFixtures.ValidCopy();
        var path = dir.File(ConfigFiles.Services);
        File.WriteAllText(path, edit(File.ReadAllText(path).ReplaceLineEndings("\n")));
        return dir;
    }

    private static string FirstService(string text, string from, string to)
    {
        var at = text.IndexOf(from, StringComparison.Ordinal);
        Assert.True(at >= 0, "the fixture changed");
        return text[..at] + to + text[(at + from.Length)..];
    }

    [Fact]
    public void Load_LokiErrorRateInsteadOfPromQl_ReadsTheLogQlAndPlansNoPromQlForIt()
    {
        using var dir = WithServices(t => FirstService(t, Indent(ErrorRateLines), Indent(LokiBlock)));

        var result = ConfigLoader.Load(dir.Path);

        Assert.Empty(result.Errors);
        var checkout = result.Config!.Services.Services[0];
        Assert.Contains("|= \"error\"", checkout.Sli.Loki["error_rate"], StringComparison.Ordinal);
        Assert.Null(checkout.Sli.PromQl("error_rate"));
        Assert.NotNull(checkout.Sli.PromQl("p95_ms"));
        var source = new PrometheusSliSource([checkout], new PrometheusClientOptions(new Uri("http://127.0.0.1:1/")), new HttpClient(), TimeProvider.System);
        Assert.DoesNotContain(source.Queries, q => q.Contains("http_requests_errors_total", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_BothPromQlAndLoki_IsAnErrorAtTheKey()
    {
        using var dir = WithServices(t => FirstService(t, Indent(ErrorRateLines), Indent(ErrorRateLines) + Indent(LokiBlock)));

        var result = ConfigLoader.Load(dir.Path);

        var error = Assert.Single(result.Errors);
        Assert.Equal("services[0].sli.error_rate", error.Path);
        Assert.True(error.Line > 1);
        Assert.Contains("found both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownLokiSliAndBadPlaceholder_AreErrorsWithLines()
    {
        using var dir = WithServices(t => FirstService(t, Indent(ErrorRateLines), Indent(ErrorRateLines) + Indent("""
                  loki:
                    saturation: 'sum by (service, track) (rate({service=~"$service", track=~"$track"} [$windw]))'
                    errors: 'x'

            """)));

        var result = ConfigLoader.Load(dir.Path);

        Assert.Equal(["services[0].sli.loki.errors", "services[0].sli.loki.saturation"], result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.All(result.Errors, e => Assert.True(e.Line > 1));
        Assert.Contains(result.Errors, e => e.Message.Contains("did you mean", StringComparison.Ordinal) || e.Message.Contains("expected one of", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Message.Contains("$windw", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_StageSelector_FillsSelectorInTheChosenStagesTemplates()
    {
        using var dir = WithServices(t => t.Replace("""track=~"$track"}""", """track=~"$track"$selector}""", StringComparison.Ordinal));
        var matrix = dir.File(ConfigFiles.StageMatrix);
        File.WriteAllText(matrix, File.ReadAllText(matrix).ReplaceLineEndings("\n").Replace("  dev:\n", "  dev:\n    selector: 'env=\"dev\", cluster=~\"eu-.*\"'\n", StringComparison.Ordinal));

        var result = SettingsLoader.Load(new DictionaryEnvironmentVariables(new Dictionary<string, string>()), dir.Path, "dev");

        Assert.Empty(result.Errors);
        var template = result.Settings!.Config.Services.Services[0].Sli.P95Ms;
        Assert.Contains("""track=~"$track", env="dev", cluster=~"eu-.*"}""", template, StringComparison.Ordinal);
        var staging = SettingsLoader.Load(new DictionaryEnvironmentVariables(new Dictionary<string, string>()), dir.Path, "staging");
        Assert.Contains("""track=~"$track"}""", staging.Settings!.Config.Services.Services[0].Sli.P95Ms, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_BadSelector_IsAnErrorAtTheStage()
    {
        using var dir = ConfigFixtures.ValidCopy();
        var matrix = dir.File(ConfigFiles.StageMatrix);
        File.WriteAllText(matrix, File.ReadAllText(matrix).ReplaceLineEndings("\n").Replace("  dev:\n", "  dev:\n    selector: '{env=dev}'\n", StringComparison.Ordinal));

        var result = ConfigLoader.Load(dir.Path);

        var error = Assert.Single(result.Errors);
        Assert.Equal("stages.dev.selector", error.Path);
        Assert.Equal(8, error.Line);
    }

    private static string Indent(string block) => block.ReplaceLineEndings("\n");
}

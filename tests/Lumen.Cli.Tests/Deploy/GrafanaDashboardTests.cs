using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Lumen.Adapters.Thresholds;
using Lumen.Core.Metrics;

namespace Lumen.Cli.Tests.Deploy;

/// <summary>deploy/grafana/lumen-dashboard.json: structure, and every metric it queries exists in what
/// Lumen exports, in the generated recording rules, or in the services' SLI templates. No Grafana
/// runs here; the JSON is checked as Grafana's provisioning would read it.</summary>
public sealed partial class GrafanaDashboardTests
{
    private static readonly JsonObject Dashboard =
        JsonNode.Parse(File.ReadAllText(Path.Combine(Tool.RepoRoot, "deploy", "grafana", "lumen-dashboard.json")))!.AsObject();

    [Fact]
    public void Dashboard_HasUidSchemaVersionAndDatasourceVariable()
    {
        Assert.Equal("lumen-loop", (string?)Dashboard["uid"]);
        Assert.True((int)Dashboard["schemaVersion"]! >= 36, "schemaVersion too old for current Grafana");
        var variables = Dashboard["templating"]!["list"]!.AsArray().Select(v => v!.AsObject()).ToList();
        var datasource = Assert.Single(variables, v => (string?)v["type"] == "datasource");
        Assert.Equal("datasource", (string?)datasource["name"]);
        Assert.Equal("prometheus", (string?)datasource["query"]);
        Assert.Contains(variables, v => (string?)v["name"] == "stage");
        Assert.Contains(variables, v => (string?)v["name"] == "service");
        Assert.Null(Dashboard["__inputs"]);
    }

    [Fact]
    public void Dashboard_EveryDatasourceIsTheVariable()
    {
        var refs = Walk(Dashboard).Where(n => n.Key == "datasource" && n.Value is JsonObject).Select(n => n.Value!.AsObject()).ToList();
        Assert.True(refs.Count > 20, "expected every panel and target to name the data source variable");
        foreach (var ds in refs)
        {
            Assert.Equal("${datasource}", (string?)ds["uid"]);
            Assert.Equal("prometheus", (string?)ds["type"]);
        }

        Assert.DoesNotContain(Walk(Dashboard), n => n.Key == "datasource" && n.Value is JsonValue v && (string?)v != "${datasource}");
    }

    [Fact]
    public void Dashboard_PanelsHaveUniqueIdsAndQueries()
    {
        var panels = Panels().ToList();
        Assert.Equal(panels.Count, panels.Select(p => (int)p["id"]!).Distinct().Count());
        foreach (var panel in panels.Where(p => (string?)p["type"] != "row"))
        {
            Assert.NotEmpty(panel["targets"]!.AsArray());
        }
    }

    [Fact]
    public void Dashboard_EveryMetricInEveryQueryExists()
    {
        var known = KnownMetricNames();
        var queries = Panels().SelectMany(p => p["targets"]?.AsArray() ?? []).Select(t => (string)t!["expr"]!)
            .Concat(Dashboard["templating"]!["list"]!.AsArray().Select(v => (string?)v!["definition"]).OfType<string>().Select(LabelValuesMetric))
            .ToList();
        Assert.True(queries.Count > 20);

        var unknown = queries.SelectMany(q => PromQlNames.Of(q).Where(n => !known.Contains(n)).Select(n => $"{n} in {q}")).ToList();

        Assert.True(unknown.Count == 0, "metrics not exported by Lumen nor in services.yaml:\n" + string.Join('\n', unknown));
        // Lumen's own metrics, the recorded SLIs and the services' metrics are all shown.
        var used = queries.SelectMany(PromQlNames.Of).ToHashSet(StringComparer.Ordinal);
        Assert.Contains(LumenMetricNames.TickDurationSeconds + "_bucket", used);
        Assert.Contains(LumenMetricNames.LedgerHeadSeq, used);
        Assert.Contains(RecordedNames.ErrorRatio("1h"), used);
        Assert.Contains("http_requests_received_total", used);
    }

    [Fact]
    public void Dashboard_ShowsTheSafetyFaults()
    {
        // The faults that make /readyz not ready and page or ticket (docs/reliability.md), each in a panel.
        var used = Panels().SelectMany(p => p["targets"]?.AsArray() ?? []).Select(t => (string)t!["expr"]!)
            .SelectMany(PromQlNames.Of).ToHashSet(StringComparer.Ordinal);

        Assert.Contains(LumenMetricNames.AdjustmentConflictsTotal, used);
        Assert.Contains(LumenMetricNames.RollbacksFailing, used);
        Assert.Contains(LumenMetricNames.LeaseHeld, used);
        Assert.Contains(LumenMetricNames.LedgerWriteFailuresTotal, used);
    }

    [Fact]
    public void PromQlNames_FindsAMadeUpMetricAndSkipsFunctionsLabelsAndVariables()
    {
        var names = PromQlNames.Of("histogram_quantile(0.95, sum by (le, service) (rate(lumen_made_up_bucket{stage=\"$stage\", le!=\"x\"}[$__rate_interval]))) > on(service) group_left up offset 5m");

        Assert.Equal(new[] { "lumen_made_up_bucket", "up" }, names.Order(StringComparer.Ordinal));
    }

    private static HashSet<string> KnownMetricNames()
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in typeof(LumenMetricNames).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            var name = (string)field.GetRawConstantValue()!;
            known.Add(name);
            if (name.EndsWith("_seconds", StringComparison.Ordinal) && field.Name == nameof(LumenMetricNames.TickDurationSeconds))
            {
                known.UnionWith([name + "_bucket", name + "_sum", name + "_count"]);
            }
        }

        known.Add(RecordedNames.LatencyP95Window);
        known.Add(RecordedNames.ErrorRatioWindow);
        foreach (var window in new[] { "5m", "30m", "1h", "2h", "6h", "1d", "3d" })
        {
            known.Add(RecordedNames.ErrorRatio(window));
        }

        var services = File.ReadAllText(Path.Combine(Tool.RepoRoot, "config", "services.yaml"));
        foreach (Match m in SelectedMetric().Matches(services))
        {
            known.Add(m.Groups[1].Value);
        }

        return known;
    }

    private static string LabelValuesMetric(string definition) =>
        definition.StartsWith("label_values(", StringComparison.Ordinal) ? definition["label_values(".Length..definition.LastIndexOf(',')] : definition;

    private static IEnumerable<JsonObject> Panels()
    {
        foreach (var panel in Dashboard["panels"]!.AsArray().Select(p => p!.AsObject()))
        {
            yield return panel;
            foreach (var inner in panel["panels"]?.AsArray() ?? [])
            {
                yield return inner!.AsObject();
            }
        }
    }

    private static IEnumerable<KeyValuePair<string, JsonNode?>> Walk(JsonNode? node)
    {
        if (node is JsonObject obj)
        {
            foreach (var pair in obj)
            {
                yield return pair;
                foreach (var inner in Walk(pair.Value))
                {
                    yield return inner;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var inner in array.SelectMany(Walk))
            {
                yield return inner;
            }
        }
    }

    /// <summary>A metric selected in an SLI template: a name right before its matchers.</summary>
    [GeneratedRegex(@"([A-Za-z_:][A-Za-z0-9_:]*)\{")]
    private static partial Regex SelectedMetric();
}

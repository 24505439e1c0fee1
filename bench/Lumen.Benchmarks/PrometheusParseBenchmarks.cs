using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using Lumen.Adapters.Prometheus;

namespace Lumen.Benchmarks;

/// <summary>
/// The collector's CPU path per tick: parse one batched instant-query answer (50 services × 2 tracks)
/// and classify it into readings. Network time is not measured here.
/// </summary>
[MemoryDiagnoser]
public class PrometheusParseBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private string body = "";
    private (string Service, string Track)[] expected = [];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(5);
        var sb = new StringBuilder("""{"status":"success","data":{"resultType":"vector","result":[""");
        var pairs = new List<(string, string)>();
        for (var s = 0; s < 50; s++)
        {
            foreach (var track in new[] { "baseline", "canary" })
            {
                if (pairs.Count > 0)
                {
                    sb.Append(',');
                }

                pairs.Add(($"svc{s}", track));
                sb.Append(CultureInfo.InvariantCulture, $$"""{"metric":{"service":"svc{{s}}","track":"{{track}}"},"value":[{{Now.ToUnixTimeSeconds()}}.123,"{{random.NextDouble() * 300}}"]}""");
            }
        }

        body = sb.Append("]}}").ToString();
        expected = [.. pairs];
    }

    [Benchmark]
    public int ParseAndClassify()
    {
        var answer = PromResponseParser.Parse(body);
        return VectorClassifier.Classify(answer, SliNames.P95Ms, expected, Now, TimeSpan.FromMinutes(1)).Length;
    }
}

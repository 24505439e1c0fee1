using System.Collections.Immutable;
using System.Text.Json;

namespace Lumen.Adapters.Prometheus;

/// <summary>
/// Parses the JSON envelope of the Prometheus HTTP API (https://prometheus.io/docs/prometheus/latest/querying/api/):
/// <c>status</c>, <c>data.resultType</c>, <c>data.result</c>, <c>errorType</c>, <c>error</c>, <c>warnings</c>.
/// Loki's <c>/loki/api/v1/query</c> answers in the same shape (plus <c>data.stats</c>, ignored).
/// Anything else (not JSON, a missing field, a value that is not a number) is a failure with a reason,
/// never a guess.
/// </summary>
public static class PromResponseParser
{
    private const int MaxSnippet = 200;

    /// <summary>Parses a body that came with a 2xx status (or a 4xx/5xx that may carry an API error object).</summary>
    public static PromCallResult Parse(string body)
    {
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return PromCallResult.Failed($"the answer is not JSON: {Snippet(body)}", transient: false);
        }

        using (doc)
        {
            try
            {
                return ParseEnvelope(doc.RootElement);
            }
            catch (FormatException ex)
            {
                return PromCallResult.Failed($"the answer is not a Prometheus API response: {ex.Message}", transient: false);
            }
        }
    }

    /// <summary>The API error of a non-2xx body (<c>errorType: error</c>), or null when the body is not one.</summary>
    public static string? TryApiError(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            return root.ValueKind == JsonValueKind.Object && StringProp(root, "status") == "error"
                ? $"{StringProp(root, "errorType") ?? "error"}: {StringProp(root, "error") ?? "(no message)"}"
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string Snippet(string body)
    {
        var oneLine = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length == 0 ? "(empty body)" : oneLine.Length <= MaxSnippet ? oneLine : oneLine[..MaxSnippet] + "…";
    }

    private static PromCallResult ParseEnvelope(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"expected a JSON object, found {root.ValueKind}");
        }

        var status = StringProp(root, "status") ?? throw new FormatException("no \"status\"");
        if (status == "error")
        {
            // Prometheus answers 400/422/503 with this; a proxy may send it with 200. Either way it is
            // the query failing, and only "timeout" / "unavailable" may pass with a retry.
            var errorType = StringProp(root, "errorType") ?? "error";
            return PromCallResult.Failed(
                $"status error: {errorType}: {StringProp(root, "error") ?? "(no message)"}",
                transient: errorType is "timeout" or "unavailable");
        }

        if (status != "success")
        {
            throw new FormatException($"unknown status \"{status}\"");
        }

        var warnings = ImmutableArray.CreateBuilder<string>();
        if (root.TryGetProperty("warnings", out var w) && w.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in w.EnumerateArray())
            {
                warnings.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
            }
        }

        if (!root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException("no \"data\" object");
        }

        var resultType = StringProp(data, "resultType") switch
        {
            "vector" => PromResultType.Vector,
            "matrix" => PromResultType.Matrix,
            "scalar" => PromResultType.Scalar,
            "string" => PromResultType.String,
            var other => throw new FormatException($"unknown resultType \"{other ?? "(none)"}\""),
        };
        if (!data.TryGetProperty("result", out var result))
        {
            throw new FormatException("no \"data.result\"");
        }

        var series = resultType switch
        {
            PromResultType.Vector => ParseSeriesList(result, "value"),
            PromResultType.Matrix => ParseSeriesList(result, "values"),
            PromResultType.Scalar => [new PromSeries(ImmutableDictionary<string, string>.Empty, [ParseSample(result)])],
            _ => throw new FormatException("a string result has no numbers"),
        };
        return PromCallResult.Ok(new PromQueryData(resultType, series, warnings.ToImmutable()));
    }

    private static ImmutableArray<PromSeries> ParseSeriesList(JsonElement result, string samplesKey)
    {
        if (result.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException($"\"data.result\" is {result.ValueKind}, expected an array");
        }

        var list = ImmutableArray.CreateBuilder<PromSeries>(result.GetArrayLength());
        foreach (var item in result.EnumerateArray())
        {
            var labels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            if (item.TryGetProperty("metric", out var metric) && metric.ValueKind == JsonValueKind.Object)
            {
                foreach (var p in metric.EnumerateObject())
                {
                    labels[p.Name] = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                }
            }

            var samples = ImmutableArray.CreateBuilder<PromSample>();
            if (item.TryGetProperty(samplesKey, out var s))
            {
                if (samplesKey == "value")
                {
                    samples.Add(ParseSample(s));
                }
                else if (s.ValueKind == JsonValueKind.Array)
                {
                    foreach (var pair in s.EnumerateArray())
                    {
                        samples.Add(ParseSample(pair));
                    }
                }
                else
                {
                    throw new FormatException($"\"values\" is {s.ValueKind}, expected an array");
                }
            }
            else if (item.TryGetProperty(samplesKey == "value" ? "histogram" : "histograms", out _))
            {
                throw new FormatException("a native histogram sample where a number was expected (wrap it in histogram_quantile or a rate)");
            }
            else
            {
                throw new FormatException($"a series without \"{samplesKey}\"");
            }

            list.Add(new PromSeries(labels.ToImmutable(), samples.ToImmutable()));
        }

        return list.MoveToImmutable();
    }

    /// <summary>A <c>[unix_seconds, "value"]</c> pair.</summary>
    private static PromSample ParseSample(JsonElement pair)
    {
        if (pair.ValueKind != JsonValueKind.Array || pair.GetArrayLength() != 2)
        {
            throw new FormatException($"a sample must be [timestamp, \"value\"], found {Snippet(pair.GetRawText())}");
        }

        var ts = pair[0];
        var v = pair[1];
        if (ts.ValueKind != JsonValueKind.Number || !ts.TryGetDouble(out var seconds) || !double.IsFinite(seconds))
        {
            throw new FormatException($"a sample timestamp must be a number, found {Snippet(ts.GetRawText())}");
        }

        // Values are strings in the API; a bare number is tolerated from look-alike backends, but
        // parsed the same strict way.
        var text = v.ValueKind switch
        {
            JsonValueKind.String => v.GetString(),
            JsonValueKind.Number => v.GetRawText(),
            _ => null,
        };
        if (!PromValue.TryParse(text, out var value))
        {
            throw new FormatException($"a sample value must be a number as a string, found {Snippet(v.GetRawText())}");
        }

        var millis = checked((long)Math.Round(seconds * 1000));
        return new PromSample(DateTimeOffset.FromUnixTimeMilliseconds(millis), value);
    }

    private static string? StringProp(JsonElement obj, string name) =>
        obj.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
}

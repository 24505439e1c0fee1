using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Lumen.Core.Canary;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Canary;

/// <summary>
/// <c>canary_report.json</c>, schema <c>lumen.canary_report/1</c> (documented field by field in
/// docs/canary-statistics.md). Keys are snake_case; numbers that do not exist yet (an e-value
/// before any event, a p95 without requests) are null, never 0.
/// </summary>
public sealed record CanaryReport(
    string Stage,
    string Service,
    CanaryStagePolicy Policy,
    Slo Slo,
    string InputPath,
    string InputSha256,
    int Records,
    CanaryIntervals Intervals,
    CanaryVerdict Verdict,
    LatencyEventPlan? LatencyPlan,
    double FailAt,
    double PassAt,
    DispersionEstimate? ErrorModel = null,
    DispersionEstimate? LatencyModel = null)
{
    public const string Schema = "lumen.canary_report/1";

    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>SHA-256 of the effective policy (stage canary policy + SLO) in a fixed canonical JSON form.</summary>
    public string PolicySha256()
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            WritePolicy(json);
        }

        return Convert.ToHexStringLower(SHA256.HashData(stream.ToArray()));
    }

    /// <summary>The exact bytes <see cref="Write"/> puts in the file (promotion compares their SHA-256 with the approved report's).</summary>
    public byte[] ToUtf8()
    {
        var options = new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, options))
        {
            WriteTo(json);
        }

        return new UTF8Encoding(false).GetBytes(Encoding.UTF8.GetString(stream.ToArray()) + "\n");
    }

    /// <summary>One line per event kind for the console: which model the judge used and the dispersion it estimated.</summary>
    public static string ModelLine(string kind, DispersionEstimate? model) =>
        model is null
            ? $"model {kind}: interval (cluster-robust; warm-up not finished, dispersion not estimated)"
            : $"model {kind}: {model.Model}, warm-up dispersion {Num(model.Dispersion)} (limit {Num(model.Limit)}) from {model.Events} events in {model.Intervals} interval(s)"
              + (model.PassTemper is { } t ? $"; absolute pass evidence tempered by {Num(t)}" : "");

    /// <summary>Both models in one phrase, for the ledger entry and the Markdown report.</summary>
    public static string ModelsText(DispersionEstimate? errors, DispersionEstimate? latency) =>
        $"errors {Short(errors)}; latency {Short(latency)}";

    private static string Short(DispersionEstimate? model) =>
        model is null ? "interval (warm-up not finished)" : $"{model.Model} (dispersion {Num(model.Dispersion)})";

    private static string Num(double value) => double.IsNaN(value) ? "n/a" : value.ToString("0.###", CultureInfo.InvariantCulture);

    private static void WriteModel(Utf8JsonWriter json, string name, DispersionEstimate? model)
    {
        json.WriteStartObject(name);
        json.WriteString("model", model?.Model ?? "interval");
        json.WriteBoolean("fixed", model is not null);
        Number(json, "dispersion", model is { } m && double.IsFinite(m.Dispersion) ? m.Dispersion : null);
        Number(json, "dispersion_limit", model is { } l && double.IsFinite(l.Limit) ? l.Limit : null);
        Number(json, "pass_temper", model?.PassTemper);
        json.WriteNumber("warmup_events", model?.Events ?? 0);
        json.WriteNumber("warmup_intervals_with_events", model?.Intervals ?? 0);
        json.WriteEndObject();
    }

    public void Write(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllBytes(path, ToUtf8());
    }

    private void WriteTo(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("schema", Schema);
        json.WriteString("judge_version", CanaryJudge.Version);
        json.WriteString("decision", Verdict.Outcome.ToString().ToLowerInvariant());
        json.WriteBoolean("final", Verdict.IsFinal);
        if (Verdict.DecidedAt is { } at)
        {
            json.WriteString("decided_at", Time(at));
        }
        else
        {
            json.WriteNull("decided_at");
        }

        json.WriteString("stage", Stage);
        json.WriteString("service", Service);
        json.WriteStartObject("samples_used");
        json.WriteNumber("intervals_seen", Verdict.IntervalsSeen);
        json.WriteNumber("intervals_used", Verdict.IntervalsUsed);
        json.WriteNumber("baseline_requests", Verdict.BaselineRequests);
        json.WriteNumber("canary_requests", Verdict.CanaryRequests);
        json.WriteEndObject();

        json.WriteStartObject("input");
        json.WriteString("path", InputPath);
        json.WriteString("sha256", InputSha256);
        json.WriteNumber("records", Records);
        json.WriteNumber("intervals", Intervals.Intervals.Length);
        json.WriteNumber("unpaired_records", Intervals.Unpaired);
        json.WriteEndObject();

        json.WriteStartObject("policy");
        json.WriteNumber("version", 1);
        json.WriteString("sha256", PolicySha256());
        json.WritePropertyName("effective");
        WritePolicy(json);
        json.WriteNumber("alpha", 1 - Policy.Confidence);
        json.WriteNumber("fail_at", FailAt);
        json.WriteNumber("pass_at", PassAt);
        json.WriteEndObject();

        json.WritePropertyName("latency_event");
        if (LatencyPlan is { } plan)
        {
            json.WriteStartObject();
            json.WriteNumber("bound_seconds", plan.BoundSeconds);
            json.WriteNumber("baseline_share_above", plan.BaselineShareAbove);
            json.WriteNumber("allowed_ratio", plan.AllowedRatio);
            json.WriteEndObject();
        }
        else
        {
            json.WriteNullValue();
        }

        json.WriteStartObject("models");
        WriteModel(json, "errors", ErrorModel);
        WriteModel(json, "latency", LatencyModel);
        json.WriteEndObject();

        json.WriteStartArray("gates");
        foreach (var gate in Verdict.Gates)
        {
            json.WriteStartObject();
            json.WriteString("gate", gate.Gate);
            json.WriteString("outcome", gate.Outcome.ToString().ToLowerInvariant());
            Number(json, "statistic", gate.Statistic);
            Number(json, "threshold", gate.Threshold);
            Number(json, "e_fail", gate.EFail);
            Number(json, "fail_at", gate.FailAt);
            Number(json, "e_pass", gate.EPass);
            Number(json, "pass_at", gate.PassAt);
            json.WriteNumber("samples", gate.Samples);
            json.WriteString("reason", gate.Reason);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("reasons");
        foreach (var reason in Verdict.Reasons)
        {
            json.WriteStringValue(reason);
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private void WritePolicy(Utf8JsonWriter json)
    {
        json.WriteStartObject();
        json.WriteString("stage", Policy.Stage);
        json.WriteNumber("confidence", Policy.Confidence);
        json.WriteNumber("min_samples", Policy.MinSamples);
        json.WriteNumber("min_intervals", Policy.MinIntervals);
        json.WriteNumber("max_intervals", Policy.MaxIntervals);
        json.WriteBoolean("same_phase", Policy.SamePhase);
        json.WriteStartArray("allowed_phases");
        foreach (var phase in Policy.AllowedPhases)
        {
            json.WriteStringValue(phase.ToString().ToLowerInvariant());
        }

        json.WriteEndArray();
        json.WriteNumber("latency_p95_max_ratio", Policy.Gates.LatencyP95.MaxRatio);
        json.WriteNumber("error_rate_max_ratio", Policy.Gates.ErrorRate.MaxRatio);
        json.WriteBoolean("coherence_enabled", Policy.Gates.CoherenceEnabled);
        json.WriteNumber("slo_latency_p95_ms", Slo.LatencyP95Ms);
        json.WriteNumber("slo_error_rate", Slo.ErrorRate);
        json.WriteNumber("slo_coherence_min", Slo.CoherenceMin);
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}

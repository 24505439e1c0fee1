using System.Buffers;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The mappers' canary history saved in the state directory (<c>history/canary.json</c>, docs/live.md,
/// "Memory across restarts"), so a restart does not start the warm-up again. Columns per service
/// (times in Unix milliseconds; an unknown value is null, never 0):
/// <c>{"version":1,"services":{"checkout":{"t":[…],"p95_ms":[…],"error_rate":[…],"rps":[…]}}}</c> (a
/// <c>saturation</c> column is written for samples that carry one; the loop's history does not keep it).
/// Written atomically through the state-files port; a file that cannot be read is ignored with a note
/// (the ledger and the backfill refill the history).
/// </summary>
internal static class HistoryFile
{
    public const string Name = "history/canary.json";
    private const int Version = 1;

    public static string ToJson(IEnumerable<(string Service, SliSample[] Samples)> services)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteNumber("version", Version);
            w.WriteStartObject("services");
            foreach (var (service, samples) in services)
            {
                w.WriteStartObject(service);
                w.WriteStartArray("t");
                foreach (var s in samples)
                {
                    w.WriteNumberValue(s.Timestamp.ToUnixTimeMilliseconds());
                }

                w.WriteEndArray();
                Column(w, "p95_ms", samples, s => s.P95Ms);
                Column(w, "error_rate", samples, s => s.ErrorRate);
                Column(w, "rps", samples, s => s.Rps);
                if (samples.Any(s => s.Saturation is not null))
                {
                    Column(w, "saturation", samples, s => s.Saturation ?? double.NaN);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The samples per service, or the reason the file cannot be used.</summary>
    public static (ImmutableDictionary<string, ImmutableArray<SliSample>>? Services, string? Error) FromJson(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("version", out var v) || v.ValueKind != JsonValueKind.Number || v.GetInt32() != Version)
            {
                return (null, $"not a version {Version} history file");
            }

            if (!root.TryGetProperty("services", out var services) || services.ValueKind != JsonValueKind.Object)
            {
                return (null, "no services object");
            }

            var result = ImmutableDictionary.CreateBuilder<string, ImmutableArray<SliSample>>(StringComparer.Ordinal);
            foreach (var service in services.EnumerateObject())
            {
                var t = service.Value.GetProperty("t").EnumerateArray().Select(x => x.GetInt64()).ToArray();
                var p95 = Read(service.Value, "p95_ms", t.Length);
                var errors = Read(service.Value, "error_rate", t.Length);
                var rps = Read(service.Value, "rps", t.Length);
                var saturation = service.Value.TryGetProperty("saturation", out _) ? Read(service.Value, "saturation", t.Length) : null;
                result[service.Name] = [.. t.Select((ms, i) => new SliSample(
                    DateTimeOffset.FromUnixTimeMilliseconds(ms), p95[i], errors[i], rps[i], saturation?[i]))];
            }

            return (result.ToImmutable(), null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or KeyNotFoundException or FormatException or ArgumentOutOfRangeException)
        {
            return (null, e.Message);
        }
    }

    private static void Column(Utf8JsonWriter w, string name, SliSample[] samples, Func<SliSample, double> pick)
    {
        w.WriteStartArray(name);
        foreach (var s in samples)
        {
            var value = pick(s);
            if (double.IsFinite(value))
            {
                // The window holds single precision (RhythmWindow): such a value is written in its
                // shortest single-precision form ("0.1", not "0.10000000149011612"), which reads back
                // to the same value in the window.
                if ((double)(float)value == value)
                {
                    w.WriteNumberValue((float)value);
                }
                else
                {
                    w.WriteNumberValue(value);
                }
            }
            else
            {
                w.WriteNullValue();
            }
        }

        w.WriteEndArray();
    }

    private static double[] Read(JsonElement service, string name, int length)
    {
        var values = service.GetProperty(name).EnumerateArray()
            .Select(x => x.ValueKind == JsonValueKind.Null ? double.NaN : x.GetDouble()).ToArray();
        return values.Length == length ? values : throw new FormatException($"{name} has {values.Length} values for {length} times");
    }
}

using System.Buffers;
using System.Text.Json;
using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The <c>data</c> of an <c>observation</c> entry (docs/ledger-entries.md), written straight to UTF-8:
/// one entry per service per tick made this the largest allocation of a tick when it went through
/// nested dictionaries and the reflection serializer. The bytes are exactly those the serializer
/// wrote (same keys in the same order, the same number and string encoding: a test compares both).
/// Not thread-safe per thread: the buffer is the calling thread's.
/// </summary>
internal static class ObservationData
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? _writer;

    public static JsonElement Of(long tick, ServiceTick service, MapperReadiness? ready)
    {
        var buffer = _buffer ??= new ArrayBufferWriter<byte>(2048);
        buffer.ResetWrittenCount();
        var w = _writer ??= new Utf8JsonWriter(buffer);
        w.Reset(buffer);
        w.WriteStartObject();
        w.WriteNumber("tick", tick);
        w.WriteStartObject("tracks");
        Track(w, SliTracks.Baseline, service.Baseline);
        Track(w, SliTracks.Canary, service.Canary);
        w.WriteEndObject();
        if (service.Coordinates is { } c)
        {
            w.WriteStartObject("coordinates");
            Number(w, "load", c.Load);
            Number(w, "phase", c.Phase);
            w.WriteString("phase_label", Label(c.Label));
            Number(w, "rhythm_strength", c.RhythmStrength);
            Number(w, "latency_pressure", c.LatencyPressure);
            Number(w, "error_pressure", c.ErrorPressure);
            Number(w, "health", c.Health);
            Number(w, "coherence", c.Coherence);
            w.WriteEndObject();
        }
        else
        {
            w.WriteNull("coordinates");
        }

        w.WriteStartObject("knobs");
        Knobs(w, SliTracks.Canary, service.CanaryKnobs);
        Knobs(w, SliTracks.Baseline, service.BaselineKnobs);
        w.WriteEndObject();
        if (service.Coordinates is null)
        {
            if (service.NotMapped is { } reason)
            {
                w.WriteString("not_enough_history", reason);
            }
            else
            {
                w.WriteNull("not_enough_history");
            }
        }

        if (ready is not null)
        {
            w.WriteStartObject("mapper");
            w.WriteBoolean("ready", ready.Ready);
            w.WriteNumber("history_seconds", Math.Round(ready.History.TotalSeconds, 3));
            w.WriteNumber("needed_seconds", Math.Round(ready.Needed.TotalSeconds, 3));
            w.WriteNumber("points", ready.Points);
            if (ready.ReadyAt is { } at)
            {
                w.WriteString("ready_at", at);
            }
            else
            {
                w.WriteNull("ready_at");
            }

            w.WriteEndObject();
        }

        w.WriteEndObject();
        w.Flush();
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    private static void Track(Utf8JsonWriter w, string name, TrackReadings? readings)
    {
        w.WriteStartObject(name);
        if (readings is null)
        {
            w.WriteNull("p95_ms");
            w.WriteNull("error_rate");
            w.WriteNull("rps");
            w.WriteString("status", "missing");
            w.WriteString("reason", "the source returned no readings");
            w.WriteEndObject();
            return;
        }

        Number(w, "p95_ms", readings.P95Ms.ValueOrNaN);
        Number(w, "error_rate", readings.ErrorRate.ValueOrNaN);
        Number(w, "rps", readings.Rps.ValueOrNaN);
        if (readings.Saturation is { } saturation)
        {
            Number(w, "saturation", saturation.ValueOrNaN);
        }

        if (readings.FirstProblem is { } problem)
        {
            w.WriteString("status", ControlLoop.StatusName(problem.Reading.Status));
            w.WriteString("reason", $"{problem.Sli}: {problem.Reading.Reason}");
        }
        else
        {
            w.WriteString("status", "ok");
        }

        w.WriteEndObject();
    }

    private static void Knobs(Utf8JsonWriter w, string name, Dictionary<string, double> knobs)
    {
        w.WriteStartObject(name);
        if (knobs.Count > 0)
        {
            // In ordinal key order, as the entry always had them; a service has a handful of knobs.
            var keys = ArrayPool<string>.Shared.Rent(knobs.Count);
            knobs.Keys.CopyTo(keys, 0);
            Array.Sort(keys, 0, knobs.Count, StringComparer.Ordinal);
            for (var i = 0; i < knobs.Count; i++)
            {
                w.WriteNumber(keys[i], knobs[keys[i]]);
            }

            Array.Clear(keys, 0, knobs.Count);
            ArrayPool<string>.Shared.Return(keys);
        }

        w.WriteEndObject();
    }

    /// <summary>Finite numbers only: JSON has no NaN, and an unknown value is null, never 0.</summary>
    private static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v))
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string Label(PhaseLabel label) => label switch
    {
        PhaseLabel.Unknown => "unknown",
        PhaseLabel.Peak => "peak",
        PhaseLabel.Falling => "falling",
        PhaseLabel.Trough => "trough",
        PhaseLabel.Rising => "rising",
        _ => label.ToString().ToLowerInvariant(),
    };
}

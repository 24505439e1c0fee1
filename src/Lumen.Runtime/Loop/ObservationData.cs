using System.Globalization;
using Lumen.Core.Ledger;
using Lumen.Core.Rhythm;
using Lumen.Core.Sli;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The <c>data</c> of an <c>observation</c> entry (docs/ledger-entries.md), written straight into the
/// ledger's canonical form (<see cref="CanonicalDataWriter"/>, keys in ordinal order): one entry per
/// service per tick made this the largest cost of a tick when it went through nested dictionaries
/// and the reflection serializer, and then while it was written and parsed back into a
/// <see cref="System.Text.Json.JsonElement"/> the store re-encoded. The bytes are exactly the
/// canonical form of what the serializer wrote (a test compares both). Not thread-safe per thread:
/// the writer is the calling thread's.
/// </summary>
internal static class ObservationData
{
    [ThreadStatic]
    private static CanonicalDataWriter? _writer;

    public static CanonicalData Of(long tick, ServiceTick service, MapperReadiness? ready)
    {
        var w = _writer ??= new CanonicalDataWriter();
        w.Reset();
        if (service.Coordinates is { } c)
        {
            w.StartObject("coordinates");
            w.Number("coherence", c.Coherence);
            w.Number("error_pressure", c.ErrorPressure);
            w.Number("health", c.Health);
            w.Number("latency_pressure", c.LatencyPressure);
            w.Number("load", c.Load);
            w.Number("phase", c.Phase);
            w.String("phase_label", Label(c.Label));
            w.Number("rhythm_strength", c.RhythmStrength);
            w.EndObject();
        }
        else
        {
            w.Null("coordinates");
        }

        w.StartObject("knobs");
        Knobs(w, SliTracks.Baseline, service.BaselineKnobs, service.Memory.KnobNamesOrdinal);
        Knobs(w, SliTracks.Canary, service.CanaryKnobs, service.Memory.KnobNamesOrdinal);
        w.EndObject();
        if (ready is not null)
        {
            w.StartObject("mapper");
            w.Number("history_seconds", Math.Round(ready.History.TotalSeconds, 3));
            w.Number("needed_seconds", Math.Round(ready.Needed.TotalSeconds, 3));
            w.Integer("points", ready.Points);
            w.Boolean("ready", ready.Ready);
            w.String("ready_at", ready.ReadyAt is { } at ? JsonTime(at) : null);
            w.EndObject();
        }

        if (service.Coordinates is null)
        {
            w.String("not_enough_history", service.NotMapped);
        }

        w.Integer("tick", tick);
        w.StartObject("tracks");
        Track(w, SliTracks.Baseline, service.Baseline);
        Track(w, SliTracks.Canary, service.Canary);
        w.EndObject();
        return w.ToData();
    }

    private static void Track(CanonicalDataWriter w, string name, TrackReadings? readings)
    {
        w.StartObject(name);
        if (readings is null)
        {
            w.Null("error_rate");
            w.Null("p95_ms");
            w.String("reason", "the source returned no readings");
            w.Null("rps");
            w.String("status", "missing");
            w.EndObject();
            return;
        }

        w.Number("error_rate", readings.ErrorRate.ValueOrNaN);
        w.Number("p95_ms", readings.P95Ms.ValueOrNaN);
        var problem = readings.FirstProblem;
        if (problem is { } p)
        {
            w.String("reason", $"{p.Sli}: {p.Reading.Reason}");
        }

        w.Number("rps", readings.Rps.ValueOrNaN);
        if (readings.Saturation is { } saturation)
        {
            w.Number("saturation", saturation.ValueOrNaN);
        }

        w.String("status", problem is { } q ? ControlLoop.StatusName(q.Reading.Status) : "ok");
        w.EndObject();
    }

    private static void Knobs(CanonicalDataWriter w, string name, Dictionary<string, double> knobs, string[] ordinalNames)
    {
        // The values read are of the service's knobs: in their ordinal order, as the canonical form has them
        // (sorting each dictionary's keys cost a comparison delegate per sort, twice per service per tick).
        w.StartObject(name);
        foreach (var knob in ordinalNames)
        {
            if (knobs.TryGetValue(knob, out var value))
            {
                w.Number(knob, value);
            }
        }

        w.EndObject();
    }

    /// <summary>A time as System.Text.Json writes it (ISO 8601, fractional seconds without trailing zeros), as the entry always had it.</summary>
    private static string JsonTime(DateTimeOffset at) =>
        at.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFFzzz", CultureInfo.InvariantCulture);

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

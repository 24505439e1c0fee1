using Lumen.Core.Ledger;
using Lumen.Core.Sli;
using Lumen.Runtime.Loop;
using Lumen.Runtime.Tests.TestKit;

namespace Lumen.Runtime.Tests.Loop;

public sealed class ObservationDataTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The observation written straight into canonical form is byte for byte the canonical form of what
    /// the reflection serializer wrote from the nested dictionaries the entry used to be built from (kept
    /// below as the reference): a mapped service with every reading, one with a stale canary and no
    /// baseline, one with NaN values and nothing mapped.
    /// </summary>
    [Fact]
    public void Of_EveryShape_CanonicalFormOfTheDictionarySerializer()
    {
        foreach (var (service, ready) in Cases())
        {
            var expected = LedgerCanonical.CanonicalData(LedgerData.From(Reference(42, service, ready)));

            var actual = ObservationData.Of(42, service, ready);

            Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), actual.ToString());
            Assert.Equal(expected, LedgerCanonical.CanonicalData(actual.Element));
        }
    }

    private static IEnumerable<(ServiceTick, MapperReadiness?)> Cases()
    {
        var mapped = Tick("checkout \"eu\"");
        mapped.Canary = new TrackReadings("checkout", SliTracks.Canary, SliReading.Ok(123.45678901234567), SliReading.Ok(0.0123456789012345),
            SliReading.Ok(987.6543210987654), SliReading.Ok(0.5));
        mapped.Baseline = new TrackReadings("checkout", SliTracks.Baseline, SliReading.Ok(100), SliReading.Ok(0), SliReading.Ok(1e-7));
        mapped.CanaryKnobs["timeout_ms"] = 1500;
        mapped.CanaryKnobs["concurrency_limit"] = 32.5;
        mapped.BaselineKnobs["concurrency_limit"] = 32;
        mapped.Coordinates = EntrySamples.Coordinates();
        yield return (mapped, new MapperReadiness("checkout", true, TimeSpan.FromSeconds(86_370.1234), TimeSpan.FromHours(12), 2880, null, null));

        var stale = Tick("search");
        stale.Canary = new TrackReadings("search", SliTracks.Canary, SliReading.Stale("last sample 3 min old"), SliReading.Ok(0.01), SliReading.Ok(10));
        stale.NotMapped = "not enough history: 10 of 60 points";
        yield return (stale, new MapperReadiness("search", false, TimeSpan.FromMinutes(5), TimeSpan.FromHours(12), 10, T0.AddHours(11.5), "few points"));
        yield return (stale, new MapperReadiness("search", false, TimeSpan.FromSeconds(299.5), TimeSpan.FromHours(12), 10, T0.AddHours(11.5).AddTicks(1_234_500), "few points"));

        var empty = Tick("cart");
        empty.Canary = new TrackReadings("cart", SliTracks.Canary, SliReading.Of(double.NaN), SliReading.Missing("no series"), SliReading.Ok(0));
        yield return (empty, null);
    }

    private static ServiceTick Tick(string name) =>
        EntrySamples.Tick(name, EntrySamples.Timeout, EntrySamples.Concurrency);

    // The entry's data as it was built before (nested dictionaries through the serializer).
    private static Dictionary<string, object?> Reference(long tick, ServiceTick service, MapperReadiness? ready)
    {
        var c = service.Coordinates;
        object? coordinates = c is null ? null : new Dictionary<string, object?>
        {
            ["load"] = Finite(c.Load),
            ["phase"] = Finite(c.Phase),
            ["phase_label"] = c.Label.ToString().ToLowerInvariant(),
            ["rhythm_strength"] = Finite(c.RhythmStrength),
            ["latency_pressure"] = Finite(c.LatencyPressure),
            ["error_pressure"] = Finite(c.ErrorPressure),
            ["health"] = Finite(c.Health),
            ["coherence"] = Finite(c.Coherence),
        };
        var data = new Dictionary<string, object?>
        {
            ["tick"] = tick,
            ["tracks"] = new Dictionary<string, object?>
            {
                [SliTracks.Baseline] = TrackData(service.Baseline),
                [SliTracks.Canary] = TrackData(service.Canary),
            },
            ["coordinates"] = coordinates,
            ["knobs"] = new Dictionary<string, object?>
            {
                [SliTracks.Canary] = service.CanaryKnobs.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(),
                [SliTracks.Baseline] = service.BaselineKnobs.OrderBy(k => k.Key, StringComparer.Ordinal).ToDictionary(),
            },
        };
        if (c is null)
        {
            data["not_enough_history"] = service.NotMapped;
        }

        if (ready is not null)
        {
            data["mapper"] = new Dictionary<string, object?>
            {
                ["ready"] = ready.Ready,
                ["history_seconds"] = Math.Round(ready.History.TotalSeconds, 3),
                ["needed_seconds"] = Math.Round(ready.Needed.TotalSeconds, 3),
                ["points"] = ready.Points,
                ["ready_at"] = ready.ReadyAt,
            };
        }

        return data;
    }

    private static Dictionary<string, object?> TrackData(TrackReadings? readings)
    {
        if (readings is null)
        {
            return new() { ["p95_ms"] = null, ["error_rate"] = null, ["rps"] = null, ["status"] = "missing", ["reason"] = "the source returned no readings" };
        }

        var data = new Dictionary<string, object?>
        {
            ["p95_ms"] = Finite(readings.P95Ms.ValueOrNaN),
            ["error_rate"] = Finite(readings.ErrorRate.ValueOrNaN),
            ["rps"] = Finite(readings.Rps.ValueOrNaN),
        };
        if (readings.Saturation is { } saturation)
        {
            data["saturation"] = Finite(saturation.ValueOrNaN);
        }

        if (readings.FirstProblem is { } problem)
        {
            data["status"] = problem.Reading.Status.ToString().ToLowerInvariant();
            data["reason"] = $"{problem.Sli}: {problem.Reading.Reason}";
        }
        else
        {
            data["status"] = "ok";
        }

        return data;
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}

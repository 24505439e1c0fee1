using System.Globalization;
using Lumen.Core.Ledger;

namespace Lumen.Benchmarks;

/// <summary>
/// Writes a ledger shaped like the demo's: mostly <c>observation</c> entries (both tracks' SLIs as
/// full-precision doubles, coordinates, knobs, the mapper's readiness; 20–40 numbers a line) with
/// a decision every few ticks, sealed and chained as the store writes them.
/// </summary>
internal static class DemoShapedLedger
{
    public static long Write(string path, long targetBytes)
    {
        var random = new Random(11);
        var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var prev = LedgerHash.Genesis;
        for (long seq = 1; file.Length < targetBytes; seq++)
        {
            var tick = (seq / 2) + 1;
            var service = seq % 2 == 0 ? "checkout" : "search";
            var draft = seq % 7 == 0 ? Decision(random, service, tick) : Observation(random, service, tick);
            var entry = LedgerCanonical.Seal(draft, seq, start.AddSeconds(30 * tick), prev);
            file.Write(LedgerCanonical.Serialize(entry));
            file.WriteByte((byte)'\n');
            prev = entry.Hash;
        }

        return file.Length;
    }

    private static LedgerDraft Observation(Random random, string service, long tick) =>
        new(LedgerKinds.Observation, "demo", service, "lumen-demo", LedgerData.From(new Dictionary<string, object?>
        {
            ["tick"] = tick,
            ["coordinates"] = new Dictionary<string, object?>
            {
                ["load"] = random.NextDouble() * 1.5, ["phase"] = random.NextDouble() * 6.28, ["phase_label"] = "rising",
                ["rhythm_strength"] = random.NextDouble(), ["latency_pressure"] = random.NextDouble(), ["error_pressure"] = random.NextDouble() / 10,
                ["health"] = 1, ["coherence"] = 0.9 + (random.NextDouble() / 10),
            },
            ["knobs"] = new Dictionary<string, object?>
            {
                ["baseline"] = new Dictionary<string, object?> { ["cache_size_mb"] = 1024, ["concurrency_limit"] = 16, ["timeout_ms"] = 1500 },
                ["canary"] = new Dictionary<string, object?> { ["cache_size_mb"] = 64 * random.Next(1, 64), ["concurrency_limit"] = 2 * random.Next(1, 64), ["timeout_ms"] = 100 * random.Next(1, 50) },
            },
            ["mapper"] = new Dictionary<string, object?>
            {
                ["ready"] = true, ["history_seconds"] = 86_370.0, ["needed_seconds"] = 43_200.0, ["points"] = 2880, ["ready_at"] = null,
            },
            ["tracks"] = new Dictionary<string, object?>
            {
                ["baseline"] = Track(random),
                ["canary"] = Track(random),
            },
        }));

    private static Dictionary<string, object?> Track(Random random) => new()
    {
        ["error_rate"] = random.NextDouble() / 1000,
        ["p95_ms"] = 150 + (random.NextDouble() * 100),
        ["rps"] = Math.Round(random.NextDouble() * 2000, 1),
        ["saturation"] = random.NextDouble(),
        ["status"] = "ok",
    };

    private static LedgerDraft Decision(Random random, string service, long tick) =>
        new(LedgerKinds.Decision, "demo", service, "lumen-demo", LedgerData.From(new Dictionary<string, object?>
        {
            ["tick"] = tick,
            ["trial"] = string.Create(CultureInfo.InvariantCulture, $"trial-{tick:D6}"),
            ["candidates"] = Enumerable.Range(0, 8).Select(_ => new Dictionary<string, object?>
            {
                ["mean"] = random.NextDouble(), ["sd"] = random.NextDouble() / 10, ["value"] = random.Next(4, 256),
            }).ToArray(),
            ["chosen"] = random.Next(8),
            ["reason"] = "thompson draw",
        }));
}

namespace Lumen.Cli.Live;

/// <summary>How <c>lumen demo --live</c> runs.</summary>
/// <param name="OutputDirectory">Where the ledger, <c>lumen.prom</c>, charts and report go (replaced each run).</param>
/// <param name="Duration">How long the loop runs; one compressed day of traffic.</param>
/// <param name="Seed">The demo services' seeds (baseline <c>seed</c>, canary <c>seed + 1</c>).</param>
/// <param name="FixedPorts">Baseline on 8080, canary on 8081, Prometheus on 9090: the addresses of the shipped
/// config/services.yaml and stage_matrix.yaml, so <c>lumen health</c>, <c>lumen canary check</c> or
/// <c>make stage-dev</c> in another terminal reach the same services.</param>
internal sealed record LiveDemoOptions(string OutputDirectory, TimeSpan Duration, int Seed, bool FixedPorts = false)
{
    /// <summary>The ports of <see cref="FixedPorts"/>: baseline, canary, Prometheus.</summary>
    public static readonly (int Baseline, int Canary, int Prometheus) ShippedPorts = (8080, 8081, 9090);

    /// <summary>Seconds between ticks: 3 s, or 2 s for runs under a minute so they still tick often enough to map.</summary>
    public int IntervalSeconds => Duration < TimeSpan.FromMinutes(1) ? 2 : 3;

    /// <summary>Adjustments expire after a minute (the shortest TTL the config allows), so a few minutes show several expiries.</summary>
    public int TtlMinutes => 1;

    /// <summary>The window of the SLI queries' <c>rate()</c>: short, so a change shows within a few ticks.</summary>
    public string Window => "20s";

    /// <summary>The load per instance over the compressed day.</summary>
    public DailyRhythm Load => new(Duration, MinRps: 15, MaxRps: 120);
}

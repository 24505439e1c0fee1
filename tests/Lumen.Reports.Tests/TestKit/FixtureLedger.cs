using System.Globalization;
using System.Text.Json;
using Lumen.Adapters.Config.Yaml;
using Lumen.Core.Canary;
using Lumen.Core.Ledger;
using Lumen.Simulator.Environments;
using Lumen.Simulator.World;

namespace Lumen.Reports.Tests.TestKit;

/// <summary>
/// Writes realistic ledgers for the report tests without the loop: the simulator's SLIs every
/// tick, and every two hours the oracle's best arm applied to the canary with a one-hour TTL
/// (every fifth one rolled back instead), with the entry shapes of docs/ledger-entries.md.
/// </summary>
internal static class FixtureLedger
{
    public static string Write(string directory, double days = 1, string env = "steady", ulong seed = 42, bool withRewards = true)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "proof_ledger.jsonl");
        var entries = Entries(days, env, seed, withRewards);
        File.WriteAllLines(path, entries.Select(e => System.Text.Encoding.UTF8.GetString(LedgerCanonical.Serialize(e))));
        return path;
    }

    public static List<LedgerEntry> Entries(double days, string env, ulong seed, bool withRewards)
    {
        var loaded = new EnvironmentLoader(YamlTreeReader.Read).Load(env);
        var world = new SimulatedWorld(loaded.Environment!, seed);
        var writer = new Writer(world.Now);
        writer.Add("config.loaded", null, new
        {
            stage = "dev", config_sha256 = new string('0', 64), dry_run = false, policy = new { coherence_min = 0.6 },
            slo = new { latency_p95_ms = world.Environment.Slo.P95Ms, error_rate = world.Environment.Slo.ErrorRate, coherence_min = 0.6 },
            services = world.Services,
        });
        writer.Add("demo.started", null, new { env, seed, days, tick_seconds = world.TickLength.TotalSeconds, policy = "fixture" });
        var ticks = (long)(days * 86400 / world.TickLength.TotalSeconds);
        var active = new Dictionary<string, (string Id, string Knob, double From, DateTimeOffset Expires, double HealthBefore, string Arm, bool RollBack)>();
        var n = 0;
        for (long tick = 1; tick <= ticks; tick++)
        {
            world.Advance();
            writer.Now = world.Now;
            foreach (var service in world.Services)
            {
                var hour = world.Now.TimeOfDay.TotalHours;
                var load = world.LoadRps(service) / world.Spec(service).Load switch { DailyLoadSpec d => d.PeakRps, _ => 1000.0 };
                var label = load > 0.8 ? "peak" : load < 0.25 ? "trough" : hour < 12 ? "rising" : "falling";
                writer.Add("observation", service, new Dictionary<string, object?>
                {
                    ["tick"] = tick,
                    ["tracks"] = new { baseline = Track(world, service, Core.Canary.CanaryTrack.Baseline), canary = Track(world, service, Core.Canary.CanaryTrack.Canary) },
                    ["coordinates"] = new { load, phase_label = label, coherence = 0.95 - (0.3 * Math.Max(0, load - 0.7)), health = world.TrueHealth(service, Core.Canary.CanaryTrack.Canary) },
                    ["knobs"] = new { canary = Knobs(world, service, Core.Canary.CanaryTrack.Canary), baseline = Knobs(world, service, Core.Canary.CanaryTrack.Baseline) },
                });

                if (active.TryGetValue(service, out var adj) && world.Now >= adj.Expires)
                {
                    world.TrySetKnob(service, Core.Canary.CanaryTrack.Canary, adj.Knob, adj.From, out _);
                    writer.Add(adj.RollBack ? "adjustment.rolled_back" : "adjustment.expired", service,
                        adj.RollBack ? new { id = adj.Id, knob = adj.Knob, restored = adj.From, reason = "coherence fell below coherence_min" }
                                     : (object)new { id = adj.Id, knob = adj.Knob, restored = adj.From });
                    if (withRewards)
                    {
                        var after = world.TrueHealth(service, Core.Canary.CanaryTrack.Canary);
                        writer.Add("reward.observed", service, new
                        {
                            id = adj.Id, arm = adj.Arm, x = new[] { 1, load, Math.Sin(hour), Math.Cos(hour), 0.4, 0.1, 0.05, 0.3, 0.2, 0.3 },
                            health_before = adj.HealthBefore, health_after = after, cost = 0.001, r_obs = after - adj.HealthBefore - 0.001,
                            r_model = (double?)null, lambda = 0.0, r = after - adj.HealthBefore - 0.001,
                        });
                    }

                    active.Remove(service);
                }

                if (tick % 240 == 0 && !active.ContainsKey(service))
                {
                    var best = world.BestArm(service);
                    writer.Add("decision", service, new { tick, source = "bandit", chosen = best.Arm.Key, probability = 1, accepted = best.Arm.Knob is null ? Array.Empty<object>() : [new { knob = best.Arm.Knob }], rejected = Array.Empty<object>() });
                    if (best.Arm.Knob is { } knob)
                    {
                        var id = string.Create(CultureInfo.InvariantCulture, $"adj-{++n:000000}");
                        var from = world.GetKnob(service, Core.Canary.CanaryTrack.Canary, knob);
                        writer.Add("adjustment.intent", service, new { id, knob, track = "canary", from, to = best.NewValue, source = "bandit", arm = best.Arm.Key, reason = "ucb", expires_at = world.Now.AddHours(1), settle_until = world.Now.AddMinutes(2) });
                        world.TrySetKnob(service, Core.Canary.CanaryTrack.Canary, knob, best.NewValue, out _);
                        writer.Add("adjustment.applied", service, new { id, knob, value = best.NewValue });
                        active[service] = (id, knob, from, world.Now.AddHours(n % 5 == 0 ? 0.5 : 1), best.HealthBefore, best.Arm.Key, n % 5 == 0);
                    }
                }
            }

            writer.Add("tick", null, new { tick, duration_ms = 1.0, ok = true, actions = 0, problems = Array.Empty<string>() });
        }

        return writer.Entries;
    }

    private static object Track(SimulatedWorld world, string service, Core.Canary.CanaryTrack track)
    {
        var r = world.Reading(service, track);
        return new { p95_ms = r.P95Ms, error_rate = r.ErrorRate, rps = r.Rps, status = "ok" };
    }

    private static Dictionary<string, double> Knobs(SimulatedWorld world, string service, Core.Canary.CanaryTrack track) =>
        world.Spec(service).Knobs.ToDictionary(k => k.Name, k => world.GetKnob(service, track, k.Name));

    private sealed class Writer(DateTimeOffset now)
    {
        public DateTimeOffset Now { get; set; } = now;

        public List<LedgerEntry> Entries { get; } = [];

        public void Add(string kind, string? service, object data)
        {
            var prev = Entries.Count == 0 ? LedgerHash.Genesis : Entries[^1].Hash;
            Entries.Add(LedgerCanonical.Seal(new LedgerDraft(kind, "dev", service, "loop", LedgerData.From(data)), Entries.Count + 1, Now, prev));
        }
    }
}

using System.Globalization;
using System.Text.Json;
using Lumen.Core.Ledger;
using Lumen.Core.Rhythm;

namespace Lumen.Reports.Digest;

/// <summary>One pass over the entries, in ledger order (or several ledgers' entries merged in time order).</summary>
internal static class RunDigestBuilder
{
    /// <summary>The objectives assumed when the ledger has no <c>config.loaded</c> (the shipped dev defaults).</summary>
    private static readonly SloLine DefaultSlo = new(250, 0.01, null);

    /// <param name="entries">The entries, in ledger order; or several replicas' ledgers merged in time order.</param>
    /// <param name="sources">
    /// With merged ledgers, the ledger each entry came from (0-based): adjustment ids are numbered per
    /// ledger, so they are scoped by it (<c>2/adj-000001</c>), and the ticks are the most any one
    /// ledger counted (the replicas tick side by side). Null for one ledger.
    /// </param>
    public static RunDigest Build(IReadOnlyList<LedgerEntry> entries, IReadOnlyList<int>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (sources is not null && sources.Count != entries.Count)
        {
            throw new ArgumentException("one source per entry", nameof(sources));
        }

        var info = new RunInfo(null, null, [], DefaultSlo, null, null, null, null, null);
        var observations = new Dictionary<string, List<ObservationPoint>>(StringComparer.Ordinal);
        var decisions = new List<DecisionPoint>();
        var adjustments = new Dictionary<string, AdjustmentRecord>(StringComparer.Ordinal);
        var order = new List<AdjustmentRecord>();
        var rewards = new List<RewardPoint>();
        var trials = new List<TrialPoint>();
        var ticksBySource = new Dictionary<int, long>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var source = sources?[i];
            var data = entry.Data;
            var service = entry.Service ?? "";
            switch (entry.Kind)
            {
                case LedgerKinds.ConfigLoaded:
                    info = ReadConfig(info, entry);
                    break;
                case RunDigest.DemoStartedKind:
                    info = info with
                    {
                        Environment = Json.Text(data, "env") ?? info.Environment,
                        Seed = Json.Integer(data, "seed") ?? info.Seed,
                        Days = Json.Number(data, "days") ?? info.Days,
                        TickSeconds = Json.Number(data, "tick_seconds") ?? info.TickSeconds,
                        Policy = Json.Text(data, "policy") ?? info.Policy,
                    };
                    break;
                case "observation":
                    if (!observations.TryGetValue(service, out var list))
                    {
                        observations[service] = list = [];
                    }

                    list.Add(ReadObservation(entry));
                    break;
                case LedgerKinds.Decision:
                    decisions.Add(ReadDecision(entry));
                    break;
                case LedgerKinds.AdjustmentIntent:
                    var intent = ReadIntent(entry, source);
                    if (intent is not null && adjustments.TryAdd(intent.Id, intent))
                    {
                        order.Add(intent);
                    }

                    break;
                case LedgerKinds.AdjustmentApplied:
                case LedgerKinds.AdjustmentFailed:
                case LedgerKinds.AdjustmentExpired:
                case LedgerKinds.AdjustmentRolledBack:
                case LedgerKinds.AdjustmentPromoted:
                case LedgerKinds.AdjustmentKept:
                    if (Json.Text(data, "id") is { } id && adjustments.TryGetValue(Scoped(id, source), out var record))
                    {
                        ApplyOutcome(record, entry);
                    }

                    break;
                case LedgerKinds.RewardObserved:
                    if (ReadReward(entry, source) is { } reward)
                    {
                        rewards.Add(reward);
                        if (reward.AdjustmentId is { } rid && adjustments.TryGetValue(rid, out var rewarded))
                        {
                            rewarded.RewardObserved = reward.RewardObserved;
                        }
                    }

                    break;
                case LedgerKinds.Tick:
                    ticksBySource[source ?? 0] = ticksBySource.GetValueOrDefault(source ?? 0) + 1;
                    break;
                case LedgerKinds.TrialJudged:
                    trials.Add(new TrialPoint(entry.Ts, service, Json.Text(data, "outcome") ?? "?", Json.Text(data, "trial"),
                        Values(data, "values"), Values(data, "incumbent"), Json.Number(data, "gain"), Json.Number(data, "gain_sd"),
                        Json.Number(data, "p_better"), Json.Text(data, "reason")));
                    break;
                default:
                    break;
            }
        }

        return new RunDigest(
            info,
            observations.ToDictionary(p => p.Key, p => (IReadOnlyList<ObservationPoint>)p.Value, StringComparer.Ordinal),
            decisions,
            order,
            rewards,
            ticksBySource.Count > 0 ? ticksBySource.Values.Max() : 0,
            entries.Count,
            entries.Count > 0 ? entries[0].Ts : null,
            entries.Count > 0 ? entries[^1].Ts : null)
        {
            Trials = trials,
        };
    }

    private static IReadOnlyDictionary<string, double> Values(JsonElement data, string name)
    {
        var values = new SortedDictionary<string, double>(StringComparer.Ordinal);
        if (Json.Get(data, name) is { ValueKind: JsonValueKind.Object } o)
        {
            foreach (var p in o.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.Number)
                {
                    values[p.Name] = p.Value.GetDouble();
                }
            }
        }

        return values;
    }

    private static RunInfo ReadConfig(RunInfo info, LedgerEntry entry)
    {
        var data = entry.Data;
        var slo = Json.Get(data, "slo") is { } s
            ? new SloLine(
                Json.Number(s, "latency_p95_ms") ?? info.Slo.LatencyP95Ms,
                Json.Number(s, "error_rate") ?? info.Slo.ErrorRate,
                Json.Number(s, "coherence_min") ?? (Json.Get(data, "policy") is { } p ? Json.Number(p, "coherence_min") : null))
            : info.Slo;
        var services = Json.Texts(data, "services");
        return info with
        {
            Stage = Json.Text(data, "stage") ?? entry.Stage ?? info.Stage,
            DryRun = Json.Flag(data, "dry_run") ?? info.DryRun,
            Services = services.Count > 0 ? services : info.Services,
            Slo = slo,
        };
    }

    private static ObservationPoint ReadObservation(LedgerEntry entry)
    {
        var data = entry.Data;
        var tracks = Json.Get(data, "tracks");
        var coordinates = Json.Get(data, "coordinates");
        var knobs = Json.Get(data, "knobs");
        var phase = coordinates is { } c && Json.Text(c, "phase_label") is { } label
            && Enum.TryParse<PhaseLabel>(label, ignoreCase: true, out var parsed)
            ? parsed
            : PhaseLabel.Unknown;
        return new ObservationPoint(
            entry.Ts,
            Json.Integer(data, "tick") ?? 0,
            ReadTrack(tracks, "baseline"),
            ReadTrack(tracks, "canary"),
            phase,
            coordinates is { } c1 ? Json.Number(c1, "coherence") : null,
            coordinates is { } c2 ? Json.Number(c2, "load") : null,
            Json.NumberMap(knobs is { } k1 ? Json.Get(k1, "canary") : null),
            Json.NumberMap(knobs is { } k2 ? Json.Get(k2, "baseline") : null));
    }

    private static TrackSli ReadTrack(JsonElement? tracks, string name)
    {
        if (tracks is not { } t || Json.Get(t, name) is not { } track)
        {
            return TrackSli.None;
        }

        return new TrackSli(Json.Number(track, "p95_ms"), Json.Number(track, "error_rate"), Json.Number(track, "rps"),
            Json.Text(track, "status") ?? "ok");
    }

    private static DecisionPoint ReadDecision(LedgerEntry entry)
    {
        var data = entry.Data;
        var accepted = Json.Get(data, "accepted") is { ValueKind: JsonValueKind.Array } a ? a.GetArrayLength() : 0;
        var codes = Json.Get(data, "rejected") is { ValueKind: JsonValueKind.Array } r
            ? r.EnumerateArray().Select(i => Json.Text(i, "code") ?? "?").ToList()
            : [];
        return new DecisionPoint(entry.Ts, entry.Service ?? "", Json.Text(data, "source") ?? "?", Json.Text(data, "chosen"), accepted, codes);
    }

    private static string Scoped(string id, int? source) => source is { } s ? string.Create(CultureInfo.InvariantCulture, $"{s + 1}/{id}") : id;

    private static AdjustmentRecord? ReadIntent(LedgerEntry entry, int? source)
    {
        var data = entry.Data;
        if (Json.Text(data, "id") is not { } id || Json.Text(data, "knob") is not { } knob)
        {
            return null;
        }

        return new AdjustmentRecord(Scoped(id, source), entry.Service ?? "", entry.Ts, knob, Json.Text(data, "track") ?? "canary",
            Json.Number(data, "from"), Json.Number(data, "to"), Json.Text(data, "source") ?? "?", Json.Text(data, "arm"),
            Json.Text(data, "reason"));
    }

    private static void ApplyOutcome(AdjustmentRecord record, LedgerEntry entry)
    {
        switch (entry.Kind)
        {
            case LedgerKinds.AdjustmentApplied:
                record.AppliedAt = entry.Ts;
                break;
            case LedgerKinds.AdjustmentFailed:
                record.FailedAt = entry.Ts;
                record.FailureReason = Json.Text(entry.Data, "reason");
                break;
            case LedgerKinds.AdjustmentExpired:
                record.ExpiredAt = entry.Ts;
                break;
            case LedgerKinds.AdjustmentRolledBack:
                record.RolledBackAt = entry.Ts;
                record.RollbackReason = Json.Text(entry.Data, "reason");
                break;
            case LedgerKinds.AdjustmentKept:
                record.KeptAt = entry.Ts;
                break;
            default:
                record.PromotedAt = entry.Ts;
                break;
        }
    }

    private static RewardPoint? ReadReward(LedgerEntry entry, int? source)
    {
        var data = entry.Data;
        if (Json.Text(data, "arm") is not { } arm || Json.Number(data, "r_obs") is not { } observed)
        {
            return null;
        }

        return new RewardPoint(entry.Ts, entry.Service ?? "", Json.Text(data, "id") is { } id ? Scoped(id, source) : null, arm, Json.Numbers(data, "x"),
            Json.Number(data, "health_before"), Json.Number(data, "health_after"), observed, Json.Number(data, "r"));
    }
}

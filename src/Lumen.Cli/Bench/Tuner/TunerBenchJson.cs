using System.Collections.Immutable;
using System.Text.Json.Nodes;
using Lumen.Cli.Bench.Tuner.Anchors;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>
/// The <c>--json</c> document of <c>lumen bench tuner</c> (keys in docs/benchmarks-tuner.md "JSON"):
/// <c>{"anchors": [...], "results": [...]}</c> plus the run's parameters. Undefined values
/// (NaN) are written as null; numbers are rounded to 4 decimals.
/// </summary>
internal static class TunerBenchJson
{
    public static JsonObject Build(TunerBenchReport report, int seeds, double days, TimeSpan wall)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["seeds"] = seeds,
            ["days"] = days,
            ["environments"] = new JsonArray([.. report.Anchors.Select(a => (JsonNode?)a.Environment)]),
            ["wall_seconds"] = Math.Round(wall.TotalSeconds, 1),
            ["anchor_wall_seconds"] = Math.Round(report.AnchorWall.TotalSeconds, 1),
            ["anchors"] = new JsonArray([.. report.Anchors.Select(Anchor)]),
            ["results"] = new JsonArray([.. report.Results.Select(Result)]),
        };
    }

    private static JsonNode Anchor(EnvironmentAnchors anchors)
    {
        var first = anchors.BySeed[0];
        var node = new JsonObject
        {
            ["environment"] = anchors.Environment,
            ["static"] = Number(anchors.Static),
            ["best_fixed"] = Number(anchors.BestFixed),
            ["best_fixed_config"] = Config(first.Services, s => s.BestFixed),
            ["hourly_schedule"] = Number(anchors.HourlySchedule),
            ["seed_dependent"] = anchors.SeedDependent,
            ["seeds_computed"] = new JsonArray([.. anchors.BySeed.Select(a => (JsonNode?)a.Seed)]),
            ["compute_seconds"] = Math.Round(anchors.Elapsed.TotalSeconds, 2),
            ["evaluations"] = anchors.BySeed.Sum(a => a.Services.Sum(s => s.Evaluations)),
            ["static_per_day"] = PerDay(anchors, a => a.StaticHourly),
            ["best_fixed_per_day"] = PerDay(anchors, a => a.BestFixedHourly),
            ["hourly_schedule_per_day"] = PerDay(anchors, a => a.ScheduleHourly),
            ["hourly_schedule_config"] = new JsonObject(first.Services.Select(s => KeyValuePair.Create(s.Service,
                (JsonNode?)new JsonArray([.. s.Schedule.Select(Settings)])))),
        };
        if (anchors.SeedDependent)
        {
            node["by_seed"] = new JsonArray([.. anchors.BySeed.Select(a => (JsonNode?)new JsonObject
            {
                ["seed"] = a.Seed,
                ["static"] = Number(a.Static),
                ["best_fixed"] = Number(a.BestFixed),
                ["best_fixed_config"] = Config(a.Services, s => s.BestFixed),
                ["hourly_schedule"] = Number(a.HourlySchedule),
            })]);
        }

        return node;
    }

    private static JsonNode Result(TunerPolicySummary s) => new JsonObject
    {
        ["environment"] = s.Environment,
        ["policy"] = s.Policy,
        ["display_name"] = TunerPolicyNames.Display(s.Policy),
        ["seeds"] = s.Seeds,
        ["reward"] = Number(s.Reward),
        ["gap_closed"] = Number(s.GapClosed),
        ["gap_closed_stderr"] = Number(s.GapClosedStdError),
        ["gap_closed_paired"] = Number(s.GapClosedPaired),
        ["hours_at_least_0_95_static"] = Number(s.HoursAtLeast095Static),
        ["hours_at_least_0_95_static_run"] = Number(s.HoursAtLeast095StaticRun),
        ["worst_hour_ratio_to_static"] = Number(s.WorstHourRatioToStatic),
        ["learning_curve"] = new JsonArray([.. s.LearningCurve.Select(Number)]),
        ["paired_diff_vs_static"] = Number(s.PairedDiffVsStatic),
        ["paired_diff_vs_static_stderr"] = Number(s.PairedDiffVsStaticStdError),
        ["regret_vs_oracle"] = Number(s.RegretVsOracle),
        ["regret_vs_oracle_stderr"] = Number(s.RegretVsOracleStdError),
        ["slo_margin"] = Number(s.SloMargin),
        ["slo_violation_minutes"] = Number(s.SloViolationMinutes),
        ["adjustments"] = Number(s.Adjustments),
        ["brake_rollbacks"] = Number(s.BrakeRollbacks),
        ["expired"] = Number(s.Expired),
        ["rewards"] = Number(s.Rewards),
    };

    private static JsonObject Config(ImmutableArray<ServiceAnchor> services, Func<ServiceAnchor, ImmutableArray<KnobSetting>> settings) =>
        new(services.Select(s => KeyValuePair.Create(s.Service, (JsonNode?)Settings(settings(s)))));

    private static JsonNode? Settings(ImmutableArray<KnobSetting> settings) =>
        new JsonObject(settings.Select(k => KeyValuePair.Create(k.Knob, Number(k.Value))));

    private static JsonArray PerDay(EnvironmentAnchors anchors, Func<TunerAnchors, ImmutableArray<double>> hourly)
    {
        var days = anchors.BySeed[0].Ticks.Days;
        return new JsonArray([.. Enumerable.Range(0, days).Select(d => Number(anchors.BySeed.Average(a =>
            hourly(a).Skip(d * RunTicks.HoursPerDay).Take(RunTicks.HoursPerDay).Sum())))]);
    }

    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(Math.Round(value, 4)) : null;
}

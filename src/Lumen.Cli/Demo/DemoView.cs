using System.Globalization;
using System.Text.Json;
using Lumen.Core.Ledger;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Lumen.Cli.Demo;

/// <summary>
/// What the user sees while the demo runs: a live Spectre view on a terminal (progress, current SLIs
/// per service and track, open adjustments, the latest adjustments), refreshed a few times a second
/// of wall time; plain progress lines (one per simulated six hours) when the output is redirected.
/// </summary>
internal static class DemoView
{
    public static IRenderable Render(DemoProgress p)
    {
        var fraction = p.Ticks == 0 ? 1 : (double)p.Tick / p.Ticks;
        var header = new Markup(Inv($"[bold]lumen demo[/]  simulated [aqua]{p.Now:yyyy-MM-dd HH:mm}[/] UTC  tick {p.Tick:N0}/{p.Ticks:N0}  ") + Inv($"[green]{new string('█', (int)(fraction * 30))}[/][grey]{new string('░', 30 - (int)(fraction * 30))}[/] {fraction * 100:0}%  ")
            + Inv($"wall {p.Elapsed.TotalSeconds:0.0} s"));
        var slis = new Table().Border(TableBorder.Rounded).Title("current SLIs (last interval)")
            .AddColumns("service", "track", "p95 ms", "errors %", "rps", "knobs");
        foreach (var service in p.World.Services)
        {
            if (p.Ledger.LatestObservation(service) is not { } observation)
            {
                continue;
            }

            foreach (var track in new[] { "baseline", "canary" })
            {
                var sli = observation.Data.GetProperty("tracks").GetProperty(track);
                slis.AddRow(service, track, Number(sli, "p95_ms", 1, 0), Number(sli, "error_rate", 100, 2), Number(sli, "rps", 1, 0),
                    Knobs(observation, track));
            }
        }

        var recent = new Table().Border(TableBorder.Rounded)
            .Title(Inv($"adjustments: {p.OpenAdjustments} open; {p.Ledger.Count(LedgerKinds.AdjustmentApplied):N0} applied, ")
                + Inv($"{p.Ledger.Count(LedgerKinds.AdjustmentExpired):N0} expired, {p.Ledger.Count(LedgerKinds.AdjustmentRolledBack):N0} rolled back, ")
                + Inv($"{p.Ledger.Count(LedgerKinds.RewardObserved):N0} rewards"))
            .AddColumns("time", "service", "what");
        foreach (var entry in p.Ledger.Recent())
        {
            recent.AddRow(entry.Ts.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture), entry.Service ?? "", Markup.Escape(Describe(entry)));
        }

        return new Rows(header, slis, recent);
    }

    public static string Line(DemoProgress p) =>
        Inv($"{p.Now:yyyy-MM-dd HH:mm} UTC  tick {p.Tick:N0}/{p.Ticks:N0}  applied {p.Ledger.Count(LedgerKinds.AdjustmentApplied):N0}  ")
            + Inv($"expired {p.Ledger.Count(LedgerKinds.AdjustmentExpired):N0}  rolled back {p.Ledger.Count(LedgerKinds.AdjustmentRolledBack):N0}  ")
            + Inv($"open {p.OpenAdjustments}  wall {p.Elapsed.TotalSeconds:0.0} s");

    private static string Describe(LedgerEntry entry)
    {
        var d = entry.Data;
        var knob = d.TryGetProperty("knob", out var k) ? k.GetString() : "?";
        return entry.Kind switch
        {
            LedgerKinds.AdjustmentIntent => Inv($"intent {knob} {Raw(d, "from")} → {Raw(d, "to")} ({Text(d, "arm")})"),
            LedgerKinds.AdjustmentApplied => Inv($"applied {knob} = {Raw(d, "value")}"),
            LedgerKinds.AdjustmentExpired => Inv($"TTL expired: {knob} restored to {Raw(d, "restored")}"),
            LedgerKinds.AdjustmentRolledBack => Inv($"rolled back: {knob} restored to {Raw(d, "restored")} ({Text(d, "reason")})"),
            _ => Inv($"{entry.Kind} {knob}"),
        };
    }

    private static string Knobs(LedgerEntry observation, string track) =>
        observation.Data.TryGetProperty("knobs", out var knobs) && knobs.ValueKind == JsonValueKind.Object
            && knobs.TryGetProperty(track, out var values) && values.ValueKind == JsonValueKind.Object
            ? string.Join(" ", values.EnumerateObject().Select(v => Inv($"{Short(v.Name)}={v.Value.GetRawText()}")))
            : "";

    private static string Short(string knob) => knob switch
    {
        "concurrency_limit" => "conc",
        "cache_size_mb" => "cache",
        "timeout_ms" => "timeout",
        _ => knob,
    };

    private static string Number(JsonElement sli, string name, double scale, int decimals) =>
        sli.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number
            ? (v.GetDouble() * scale).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : "–";

    private static string Raw(JsonElement d, string name) => d.TryGetProperty(name, out var v) ? v.GetRawText() : "?";

    private static string Text(JsonElement d, string name) =>
        d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : "";

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

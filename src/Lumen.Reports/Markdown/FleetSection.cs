using System.Globalization;
using System.Text;
using Lumen.Reports.Fleet;

namespace Lumen.Reports.Markdown;

/// <summary>
/// The report's parts about the fleet (docs/scale-out.md, "Seeing the fleet"): the banner when a
/// claim is in two ledgers, the Fleet section (a row per replica, who holds each service) and the
/// verdict per ledger. Written only for several ledgers or a ledger with coordination entries.
/// </summary>
internal static class FleetSection
{
    private const int ServicesPerRow = 8;

    /// <summary>The intro of a report over several ledgers, and the banner when a claim is in two of them.</summary>
    public static void Intro(StringBuilder md, FleetDigest fleet, long entries)
    {
        var names = string.Join(", ", fleet.Replicas.Select(r => $"`{r.Ledger}`"));
        md.AppendLine(Inv($"Generated from {fleet.Replicas.Count} ledgers, one per replica ({names}; {entries:N0} entries). Every number below is read from the ledgers; "))
          .AppendLine("re-run `lumen report` to rebuild it and `lumen dash` to redraw the charts. The sections after **Fleet** read the ledgers' "
            + "entries merged in time order: each service's entries are in the ledger of the replica that held it at the time.").AppendLine();
        Banner(md, fleet);
    }

    /// <summary>The banner above everything when two ledgers hold one claim (empty otherwise).</summary>
    public static void Banner(StringBuilder md, FleetDigest fleet)
    {
        if (fleet.Claims.Problems.Count > 0)
        {
            md.AppendLine(Inv($"> ❌ **{fleet.Claims.Problems.Count} claim(s) held by two replicas at once**: the same stage, service and fencing token was gained in two ledgers, so two replicas believed they held it. See **Claims in two ledgers** below.")).AppendLine();
        }
    }

    public static void Write(StringBuilder md, FleetDigest fleet)
    {
        md.AppendLine("## Fleet").AppendLine();
        md.AppendLine("One row per replica's ledger, read from its `coordination.changed` entries (claims gained with their fencing token, "
            + "claims lost) and `coordination.adopted` entries (services handed over with open adjustments or kept values).").AppendLine();
        md.AppendLine("| replica | ledger | verification | entries | held at the end | gained | lost | hand-overs taken | last token | engine problem |")
          .AppendLine("|---|---|---|---:|---|---:|---:|---:|---:|---|");
        foreach (var r in fleet.Replicas)
        {
            md.AppendLine(Inv($"| {(r.Replica is { } name ? $"`{Escape(name)}`" : "–")} | `{Escape(r.Ledger)}` | {(r.Verification.IsValid ? "✅ valid" : "❌ **invalid**")} | {r.Entries:N0} | {Held(r)} | {r.Gained:N0} | {r.Lost:N0} | {r.Adopted:N0} | {(r.LastToken is { } t ? t.ToString(CultureInfo.InvariantCulture) : "–")} | {Escape(r.Problem ?? "")} |"));
        }

        md.AppendLine();
        Holders(md, fleet);
        Claims(md, fleet);
    }

    /// <summary>The verdict per ledger and the fleet's total, in place of the one-ledger verdict.</summary>
    public static void Verification(StringBuilder md, FleetDigest fleet)
    {
        md.AppendLine("## Ledger verification").AppendLine();
        foreach (var r in fleet.Replicas)
        {
            md.AppendLine(Inv($"- {(r.Verification.IsValid ? "✅" : "❌")} `{Escape(r.Ledger)}`: {r.Verification.Summary}."));
        }

        var valid = fleet.Replicas.Count(r => r.Verification.IsValid);
        md.AppendLine().AppendLine(Inv($"{(fleet.IsValid ? "✅" : "❌")} {fleet.Replicas.Count} ledgers: {valid} valid, {fleet.Replicas.Count - valid} invalid; {fleet.Claims.Problems.Count} claim(s) in two ledgers.")).AppendLine();
    }

    private static void Holders(StringBuilder md, FleetDigest fleet)
    {
        md.AppendLine("### Who holds what").AppendLine();
        if (fleet.Services.Count == 0)
        {
            md.AppendLine("_No ledger has a coordination entry: the replicas ran with `coordination: local` (each acts on every service), "
                + "or their claims never changed._").AppendLine();
            return;
        }

        md.AppendLine("At the end of the ledgers, each service is held by the replica that made its newest claim (the largest fencing token) "
            + "unless that replica's ledger lost it since. Hand-overs count the changes of replica from one claim to the next, in token order. "
            + "A replica that stopped without ledgering the loss (killed) still lists its older claim at its end: shown as superseded.").AppendLine();
        md.AppendLine("| service | held at the end by | token | claims | hand-overs | adopted | older claims still listed |")
          .AppendLine("|---|---|---:|---:|---:|---:|---|");
        foreach (var s in fleet.Services)
        {
            var holder = s.Holder is { } h ? $"`{Escape(h)}`" : s.LastClaimedBy is { } last ? $"**nobody** (lost by `{Escape(last)}`)" : "?";
            md.AppendLine(Inv($"| `{Escape(s.Service)}` | {holder} | {(s.Token is { } t ? t.ToString(CultureInfo.InvariantCulture) : "–")} | {s.Claims:N0} | {s.HandOvers:N0} | {s.Adopted:N0} | {Escape(string.Join(", ", s.Stale))} |"));
        }

        md.AppendLine();
    }

    private static void Claims(StringBuilder md, FleetDigest fleet)
    {
        md.AppendLine("### Claims in two ledgers").AppendLine();
        if (fleet.Claims.Problems.Count == 0)
        {
            md.AppendLine(Inv($"✅ No (stage, service, fencing token) was gained in two ledgers ({fleet.Claims.Gains:N0} claim(s) gained by {fleet.Claims.Replicas.Count} replica(s) across the valid ledgers).")).AppendLine();
            return;
        }

        foreach (var problem in fleet.Claims.Problems)
        {
            md.AppendLine($"- ❌ **{Escape(problem)}**");
        }

        md.AppendLine();
    }

    private static string Held(ReplicaSummary r)
    {
        if (r.HeldAtEnd.Count == 0)
        {
            return "none";
        }

        var names = r.HeldAtEnd.Keys.Take(ServicesPerRow).Select(s => $"`{Escape(s)}`").ToList();
        var more = r.HeldAtEnd.Count > ServicesPerRow ? Inv($" and {r.HeldAtEnd.Count - ServicesPerRow:N0} more") : "";
        var superseded = r.Superseded > 0 ? Inv($" ({r.Superseded} superseded by a newer claim)") : "";
        return Inv($"{r.HeldAtEnd.Count:N0}: {string.Join(", ", names)}{more}{superseded}");
    }

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

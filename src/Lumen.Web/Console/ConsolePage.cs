using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Lumen.Core.Adjustments;
using Lumen.Core.Approvals;
using Lumen.Core.Coordination;
using Lumen.Core.Ledger;

namespace Lumen.Web.Console;

/// <summary>
/// Server-rendered HTML for the console: no script, one small stylesheet inline, semantic tables
/// with captions and header scopes, labelled inputs, and a plain form per button. Every value
/// that comes from the ledger, the config or a report is HTML-encoded.
/// </summary>
internal static class ConsolePage
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    private const string Style =
        "body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;color:#111;background:#fff}" +
        "table{border-collapse:collapse;width:100%;margin:.5rem 0 1.5rem}th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}" +
        "caption{text-align:left;font-weight:bold;padding:.3rem 0}button{font:inherit;padding:.2rem .8rem;margin:.1rem}" +
        "button:focus,input:focus{outline:3px solid #1a5fb4;outline-offset:2px}code{font-size:.9em}" +
        ".msg{border:2px solid #1a5fb4;padding:.5rem;margin:1rem 0}form.inline{display:inline}";

    public static string Login(string? error) => Layout("Lumen console: sign in", $"""
        <main>
        <h1>Lumen console</h1>
        {(error is null ? "" : $"<p class=\"msg\" role=\"alert\">{E(error)}</p>")}
        <form method="post" action="{ConsoleOptions.PathBase}/login">
          <p><label for="name">Your name (recorded as the approver)</label><br><input id="name" name="name" autocomplete="username" required maxlength="64"></p>
          <p><label for="token">Console token</label><br><input id="token" name="token" type="password" autocomplete="current-password" required></p>
          <p><button type="submit">Sign in</button></p>
        </form>
        </main>
        """);

    public static string Dashboard(ConsoleView view)
    {
        var body = new StringBuilder();
        body.Append(CultureInfo.InvariantCulture, $"""
            <header><h1>Lumen console{(view.Stage is null ? "" : $": {E(view.Stage)}")}</h1>
            <p>Signed in as <strong>{E(view.Approver)}</strong>. Page rendered at {T(view.Now)}.
            <form class="inline" method="post" action="{ConsoleOptions.PathBase}/logout"><input type="hidden" name="csrf" value="{E(view.Csrf)}"><button type="submit">Sign out</button></form></p></header>
            <main>
            """);
        if (view.Message is { } message)
        {
            body.Append(CultureInfo.InvariantCulture, $"<p class=\"msg\" role=\"status\">{E(message)}</p>");
        }

        Pending(body, view);
        Services(body, view);
        Report(body, view.Report);
        Decided(body, view);
        Tail(body, view.Tail);
        body.Append("</main>");
        return Layout("Lumen console", body.ToString());
    }

    private static void Pending(StringBuilder b, ConsoleView view)
    {
        var pending = view.Approvals.Pending(view.Now).ToList();
        b.Append("<section aria-labelledby=\"pending-h\"><h2 id=\"pending-h\">Pending approvals</h2>");
        if (pending.Count == 0)
        {
            b.Append("<p>No approval is waiting.</p></section>");
            return;
        }

        b.Append("<table><caption>Promotions waiting for a decision (no answer by the expiry means no)</caption><thead><tr><th scope=\"col\">Request</th><th scope=\"col\">Stage / service</th><th scope=\"col\">What changes</th><th scope=\"col\">Canary report</th><th scope=\"col\">Expires</th><th scope=\"col\">Decide</th></tr></thead><tbody>");
        foreach (var r in pending)
        {
            var q = r.Request;
            var id = E(q.Id);
            b.Append(CultureInfo.InvariantCulture, $"""
                <tr id="req-{id}"><th scope="row"><code>{id}</code></th><td>{E(q.Stage)} / {E(q.Service)}</td><td>{Changes(q)}</td><td><code>{E(Short(q.ReportSha256))}</code></td><td>{T(q.ExpiresAt)}</td>
                <td><form class="inline" method="post" action="{ConsoleOptions.PathBase}/approvals/{id}/approve"><input type="hidden" name="csrf" value="{E(view.Csrf)}"><button type="submit" aria-label="Approve {id}">Approve</button></form>
                <form class="inline" method="post" action="{ConsoleOptions.PathBase}/approvals/{id}/reject"><input type="hidden" name="csrf" value="{E(view.Csrf)}"><label for="reason-{id}">Reason</label> <input id="reason-{id}" name="reason" maxlength="200"><button type="submit" aria-label="Reject {id}">Reject</button></form></td></tr>
                """);
        }

        b.Append("</tbody></table></section>");
    }

    private static void Services(StringBuilder b, ConsoleView view)
    {
        b.Append("<section aria-labelledby=\"svc-h\"><h2 id=\"svc-h\">Services and adjustments</h2><table><caption>Open adjustments per service (from the ledger)</caption><thead><tr><th scope=\"col\">Service</th><th scope=\"col\">Open adjustments</th>");
        b.Append(view.Mappers.Count > 0 ? "<th scope=\"col\">Mapper warm-up</th>" : "");
        b.Append(view.Fleet is null ? "</tr></thead><tbody>" : "<th scope=\"col\">Held by</th></tr></thead><tbody>");
        var names = view.Services.Concat(view.Adjustments.Open.Values.Select(a => a.Service)).Distinct(StringComparer.Ordinal);
        foreach (var service in names)
        {
            var open = view.Adjustments.Open.Values.Where(a => a.Service == service).ToList();
            var text = open.Count == 0 ? "none" : string.Join("<br>", open.Select(a =>
                $"<code>{E(a.Id)}</code> {E(a.Knob)} on {E(a.Intent.Track)}: {N(a.Intent.From)} → {N(a.Intent.To)} ({E(a.State.ToString().ToLowerInvariant())}, expires {T(a.Intent.ExpiresAt)})"));
            var mapper = view.Mappers.Count == 0 ? "" : $"<td>{E(view.Mappers.GetValueOrDefault(service, "no tick yet"))}</td>";
            var holder = view.Fleet is not { } fleet ? "" : $"<td>{E(HolderText(fleet, service))}</td>";
            b.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(service)}</th><td>{text}</td>{mapper}{holder}</tr>");
        }

        b.Append("</tbody></table>");
        if (view.Fleet is { } holdings)
        {
            b.Append(CultureInfo.InvariantCulture, $"<p id=\"fleet\">{E(FleetText(holdings, view.Now))}</p>");
        }

        b.Append("</section>");
    }

    /// <summary>Who holds <paramref name="service"/> as this replica last saw it.</summary>
    private static string HolderText(Holdings fleet, string service) =>
        fleet.Held.TryGetValue(service, out var token) ? $"{fleet.ReplicaId} (this replica, token {token})"
        : fleet.Holders.TryGetValue(service, out var other) ? other
        : "nobody (unclaimed)";

    /// <summary>The fleet in one line: this replica, the live replicas, how many services it holds, and a problem if any.</summary>
    private static string FleetText(Holdings fleet, DateTimeOffset now)
    {
        var validity = fleet.ValidUntil > now ? $"claims valid until {T(fleet.ValidUntil)}" : "claims lapsed";
        var text = $"Coordination: this is replica {fleet.ReplicaId} of {fleet.LiveReplicas} live; it holds {fleet.Held.Count} service(s), {validity}.";
        return fleet.Problem is { } problem ? $"{text} Problem: {problem}" : text;
    }

    private static void Report(StringBuilder b, ConsoleReport? report)
    {
        b.Append("<section aria-labelledby=\"report-h\"><h2 id=\"report-h\">Latest canary report</h2>");
        if (report is null)
        {
            b.Append("<p>No canary report yet (<code>lumen canary check</code> writes one).</p></section>");
            return;
        }

        b.Append(CultureInfo.InvariantCulture, $"<p>Decision <strong>{E(report.Decision)}</strong> for {E(report.Service)} on {E(report.Stage)}, decided at {E(report.DecidedAt ?? "not yet")}. Report sha256 <code>{E(report.Sha256)}</code>.</p>");
        if (report.Gates.Count > 0)
        {
            b.Append("<table><caption>Gates</caption><thead><tr><th scope=\"col\">Gate</th><th scope=\"col\">Outcome</th><th scope=\"col\">Reason</th></tr></thead><tbody>");
            foreach (var (gate, outcome, reason) in report.Gates)
            {
                b.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{E(gate)}</th><td>{E(outcome)}</td><td>{E(reason)}</td></tr>");
            }

            b.Append("</tbody></table>");
        }

        b.Append("</section>");
    }

    private static void Decided(StringBuilder b, ConsoleView view)
    {
        var closed = view.Approvals.Newest().Where(r => r.StatusAt(view.Now) != ApprovalStatus.Pending).Take(10).ToList();
        if (closed.Count == 0)
        {
            return;
        }

        b.Append("<section aria-labelledby=\"closed-h\"><h2 id=\"closed-h\">Recent decisions</h2><table><caption>The last closed approval requests</caption><thead><tr><th scope=\"col\">Request</th><th scope=\"col\">Service</th><th scope=\"col\">Status</th><th scope=\"col\">By</th></tr></thead><tbody>");
        foreach (var r in closed)
        {
            var by = r.Decision is { } d ? $"{E(d.By)} via {E(ApprovalLedger.ChannelName(d.Channel))}" : "—";
            b.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\"><code>{E(r.Request.Id)}</code></th><td>{E(r.Request.Service)}</td><td>{E(r.StatusAt(view.Now).ToString().ToLowerInvariant())}</td><td>{by}</td></tr>");
        }

        b.Append("</tbody></table></section>");
    }

    private static void Tail(StringBuilder b, IReadOnlyList<LedgerEntry> tail)
    {
        b.Append("<section aria-labelledby=\"tail-h\"><h2 id=\"tail-h\">Ledger tail</h2><table><caption>The newest ledger entries</caption><thead><tr><th scope=\"col\">Seq</th><th scope=\"col\">Time</th><th scope=\"col\">Kind</th><th scope=\"col\">Service</th><th scope=\"col\">Actor</th></tr></thead><tbody>");
        foreach (var e in tail)
        {
            b.Append(CultureInfo.InvariantCulture, $"<tr><th scope=\"row\">{e.Seq}</th><td>{T(e.Ts)}</td><td>{E(e.Kind)}</td><td>{E(e.Service ?? "")}</td><td>{E(e.Actor)}</td></tr>");
        }

        b.Append("</tbody></table></section>");
    }

    private static string Changes(ApprovalRequest request) => request.Changes.IsEmpty
        ? "no knob changes"
        : string.Join("<br>", request.Changes.Select(c => $"{E(c.Knob)} on {E(c.Track)}: {N(c.From)} → {N(c.To)}"));

    private static string Layout(string title, string body) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{E(title)}</title><style>{Style}</style></head>
        <body>
        {body}
        </body></html>
        """;

    private static string E(string text) => Html.Encode(text);

    private static string N(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    private static string T(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Short(string sha) => sha.Length > 16 ? sha[..16] + "…" : sha;
}

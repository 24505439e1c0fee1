using System.Globalization;
using System.Text.Json;
using Lumen.Cli.Commands.Ledger;
using Lumen.Core.Approvals;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;
using Lumen.Core.Json;

namespace Lumen.Cli.Commands.Approvals;

/// <summary><c>lumen approvals list [--json] [--all]</c>: requests folded from the ledger (read-only).</summary>
internal sealed class ApprovalsListCommand(IAnsiConsole console, IEnvironmentVariables env, TimeProvider time) : Command<ApprovalsListSettings>
{
    public override int Execute(CommandContext context, ApprovalsListSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var now = time.GetUtcNow();
        var book = CliApprovals.ReadBook(LedgerLocation.LedgerPath(settings.LedgerFile, env));
        var records = (settings.All ? book.Newest() : book.Pending(now)).ToList();
        if (settings.Json)
        {
            foreach (var r in records)
            {
                console.Profile.Out.Writer.WriteLine(ObjectJson.Serialize(new Dictionary<string, object?>
                {
                    ["id"] = r.Request.Id,
                    ["status"] = r.StatusAt(now).ToString().ToLowerInvariant(),
                    ["stage"] = r.Request.Stage,
                    ["service"] = r.Request.Service,
                    ["report_sha256"] = r.Request.ReportSha256,
                    ["requested_at"] = LedgerTime.ToText(r.Request.RequestedAt),
                    ["expires_at"] = LedgerTime.ToText(r.Request.ExpiresAt),
                    ["changes"] = r.Request.Changes.Select(c => new { knob = c.Knob, track = c.Track, from = c.From, to = c.To }),
                    ["decided_by"] = r.Decision?.By,
                    ["channel"] = r.Decision is { } d ? ApprovalLedger.ChannelName(d.Channel) : null,
                }));
            }

            return ExitCodes.Ok;
        }

        if (records.Count == 0)
        {
            console.WriteLine(settings.All ? "no approval requests in the ledger" : "no pending approvals");
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("id", "status", "stage", "service", "changes", "report", "expires", "decided by");
        foreach (var r in records)
        {
            table.AddRow(
                Markup.Escape(r.Request.Id), r.StatusAt(now).ToString().ToLowerInvariant(), Markup.Escape(r.Request.Stage), Markup.Escape(r.Request.Service),
                Markup.Escape(string.Join("\n", r.Request.Changes.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Knob} ({c.Track}): {c.From} -> {c.To}")))),
                r.Request.ReportSha256[..Math.Min(12, r.Request.ReportSha256.Length)],
                LedgerTime.ToText(r.Request.ExpiresAt),
                Markup.Escape(r.Decision is { } d ? $"{d.By} via {ApprovalLedger.ChannelName(d.Channel)}" : "-"));
        }

        console.Write(table);
        return ExitCodes.Ok;
    }
}

using Lumen.Adapters.Canary;
using Lumen.Adapters.Config;
using Lumen.Adapters.Prometheus;
using Lumen.Cli.Commands.Approvals;
using Lumen.Core.Policy;
using Lumen.Runtime.Promotion;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Canary;

/// <summary>
/// <c>lumen canary promote --stage S</c> (docs/promotion.md): reads the arguments and the canary report,
/// builds the ports, and runs <see cref="PromotionWorkflow"/> (report must say pass → plan → dry run →
/// SAFE_APPLY re-check → approval gate → apply (compare-and-set) and ledger → SAFE_APPLY watch, rolling
/// back on an SLO breach) through <see cref="PromotionRunner"/>, printing each step. Exit 0 promoted (or
/// nothing to do, or dry run), 1 refused (check not passing, rejected, a knob changed by someone else,
/// breach rolled back), 2 bad input, 3 waiting for approval, 5 runtime failure.
/// </summary>
internal sealed class CanaryPromoteCommand(IAnsiConsole console, IEnvironmentVariables env, TimeProvider time) : AsyncCommand<CanaryPromoteSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, CanaryPromoteSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (!CommandSettingsLoader.TryLoad(console, env, settings.ConfigDir, settings.Stage, out var lumen))
        {
            return ExitCodes.BadInput;
        }

        if (lumen.Stage is not { } stage || lumen.Canary is not { } policy)
        {
            return Bad("--stage STAGE (or LUMEN_STAGE) with a canary policy is required");
        }

        if (settings.Watch is not null && WatchDuration(settings.Watch) is null)
        {
            return Bad($"--watch '{settings.Watch}' is not a duration (e.g. 0s to skip, 90s, 5m)");
        }

        if (!DurationText.TryParse(settings.Expires, out var expires) || expires <= TimeSpan.Zero)
        {
            return Bad($"--expires '{settings.Expires}' is not a positive duration (e.g. 30m, 1h)");
        }

        var (report, reportPath, reportError) = await ReadReportAsync(settings, stage.Name, cancellationToken).ConfigureAwait(false);
        if (report is null)
        {
            return Bad(reportError!);
        }

        var start = Start(lumen, stage, policy, report, settings, expires);
        if (PromotionWorkflow.Next(start) is { IsFinal: true } refused)
        {
            console.WriteLine($"refused: {refused.Reason} ({reportPath}); nothing changed");
            return ExitCodes.Failed;
        }

        return lumen.Config.Services.Find(start.Request.Service) is { } service
            ? await PromoteAsync(stage, policy, service, report, start, settings, cancellationToken).ConfigureAwait(false)
            : Bad($"services.yaml has no service '{start.Request.Service}'");
    }

    /// <summary>The report: it must exist, parse, and judge this stage and service; its bytes' SHA-256 is what an approval binds to.</summary>
    private async Task<(CanaryReportHeader? Report, string Path, string? Error)> ReadReportAsync(CanaryPromoteSettings settings, string stage,
        CancellationToken cancellationToken)
    {
        var reportPath = CanaryReportLocation.Resolve(settings.Report, env);
        if (!File.Exists(reportPath))
        {
            return (null, reportPath, $"no canary report at {reportPath}: run lumen canary check first");
        }

        if (CanaryReportHeader.Read(await File.ReadAllBytesAsync(reportPath, cancellationToken).ConfigureAwait(false), out var reportError) is not { } report)
        {
            return (null, reportPath, $"{reportPath} is not a canary report ({reportError})");
        }

        var serviceName = settings.Service ?? report.Service;
        return report.Stage != stage || report.Service != serviceName
            ? (null, reportPath, $"{reportPath} judges {report.Service} on {report.Stage}, not {serviceName} on {stage}")
            : (report, reportPath, null);
    }

    /// <summary>The workflow's first state: what the report says and what the stage's policy asks for.</summary>
    private static PromotionState Start(LumenSettings lumen, StageConfig stage, CanaryStagePolicy policy, CanaryReportHeader report,
        CanaryPromoteSettings settings, TimeSpan expires) =>
        new(new PromotionRequest(PromotionDirection.Promote, stage.Name, report.Service)
        {
            ReportDecision = report.Decision,
            ReportSha256 = report.Sha256,
            DryRun = stage.Policy.DryRun,
            ApprovalRequired = stage.Policy.ApprovalRequired,
            SafeApply = lumen.Env.SafeApply == true,
            ApprovalExpires = expires,
            Watch = WatchDuration(settings.Watch) ?? TimeSpan.FromMinutes(policy.WatchMinutes),
        });

    /// <summary>Builds the ports (targets, ledger, approval channel, re-check and watch) and runs the workflow, printing each step.</summary>
    private async Task<int> PromoteAsync(StageConfig stage, CanaryStagePolicy policy, ServiceConfig service, CanaryReportHeader report,
        PromotionState start, CanaryPromoteSettings settings, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        if (PromotionTargets.Build(service, http, env, time, out var buildError) is not { } targets)
        {
            return Bad(buildError!);
        }

        var actor = CliApprovals.Name(null, env);
        await using var ledger = new LazyLedger(env, settings.LedgerFile, actor, time);
        var (slack, slackError) = stage.Policy.ApprovalRequired ? CliApprovals.Slack(env, stage, http) : (null, null);
        var interval = settings.WatchInterval is not null && DurationText.TryParse(settings.WatchInterval, out var i) && i > TimeSpan.Zero ? i : stage.Policy.Interval;
        var ports = new PromotionPorts(targets.Canary, targets.Baseline, [.. service.Knobs.Select(k => k.Name)], time, actor, ledger.OpenAsync)
        {
            Recheck = _ => Task.FromResult(LiveCanaryCheck.Recheck(stage, policy, report.InputPath, report.Service, report.Sha256)),
            Watch = ct => new PromotionWatch(new PrometheusSliSource([service], new PrometheusClientOptions(stage.Endpoints.Prometheus), http, time), time)
                .WatchAsync(service.Name, stage.Slo, start.Request.Watch, interval, ct),
            Channels = slack is null ? [] : [slack],
            EntryNotes = [new("safe_apply", start.Request.SafeApply)],
        };
        var printer = new PromotionPrinter(console, targets);
        var run = await new PromotionRunner(ports).RunAsync(start, cancellationToken,
            before: (action, state) => printer.Before(action, state, slackError, interval),
            after: printer.After);
        return printer.Finish(run);
    }

    /// <summary>--watch: "0", "0s" or "0m" skip the watch; otherwise a duration; null when absent or unparseable.</summary>
    private static TimeSpan? WatchDuration(string? text) =>
        text is null ? null
        : text is "0" or "0s" or "0m" ? TimeSpan.Zero
        : DurationText.TryParse(text, out var d) ? d : null;

    private int Bad(string message)
    {
        console.MarkupLineInterpolated($"[red]error:[/] {message}");
        return ExitCodes.BadInput;
    }
}

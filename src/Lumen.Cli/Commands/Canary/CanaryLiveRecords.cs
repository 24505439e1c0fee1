using System.Globalization;
using Lumen.Adapters.Canary;
using Lumen.Adapters.Config;
using Lumen.Adapters.FileSystem;
using Lumen.Adapters.Prometheus;
using Lumen.Cli.Commands.Ledger;
using Lumen.Core.Policy;

namespace Lumen.Cli.Commands.Canary;

/// <summary>
/// Reads interval records for a window from the stage's Prometheus (<c>lumen canary export</c> and the
/// live <c>lumen canary check</c> share it): arguments → <see cref="IntervalExportOptions"/> → the
/// exporter → an atomic write. A bad argument is <see cref="ExitCodes.BadInput"/>; Prometheus
/// unreachable or answering with an error is <see cref="ExitCodes.RuntimeError"/>.
/// </summary>
internal static class CanaryLiveRecords
{
    public const string DefaultFileName = LiveCanaryCheck.RecordsFileName;

    public static CanaryLiveExport Export(LumenSettings settings, IEnvironmentVariables environment, CanaryWindowSettings window,
        string defaultSince, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (settings.Stage is not { } stage)
        {
            return CanaryLiveExport.Failed(ExitCodes.BadInput, "--stage STAGE (or LUMEN_STAGE) is required: the stage names the Prometheus to read.");
        }

        var sinceText = string.IsNullOrWhiteSpace(window.Since) ? defaultSince : window.Since;
        if (!LedgerSince.TryParse(sinceText, now, out var since))
        {
            return CanaryLiveExport.Failed(ExitCodes.BadInput, $"--since: expected an RFC 3339 time or a duration such as 30m, found \"{sinceText}\"");
        }

        var until = now;
        if (!string.IsNullOrWhiteSpace(window.Until) && !LedgerSince.TryParse(window.Until, now, out until))
        {
            return CanaryLiveExport.Failed(ExitCodes.BadInput, $"--until: expected an RFC 3339 time or a duration such as 5m, found \"{window.Until}\"");
        }

        var step = stage.Policy.Interval;
        if (!string.IsNullOrWhiteSpace(window.Step) && !DurationText.TryParse(window.Step, out step))
        {
            return CanaryLiveExport.Failed(ExitCodes.BadInput, $"--step: expected a duration such as 30s, found \"{window.Step}\"");
        }

        var services = window.Service is { Length: > 0 } one ? [one] : settings.Config.Services.Services.Select(s => s.Name).ToList();
        var options = new IntervalExportOptions([.. services], since, until, step, window.LatencyMetric, window.ErrorsMetric);
        if (options.Problem() is { } problem)
        {
            return CanaryLiveExport.Failed(ExitCodes.BadInput, problem);
        }

        var (auth, authError) = PrometheusAuthReader.Read(new SecretReader(environment));
        if (authError is not null)
        {
            return CanaryLiveExport.Failed(ExitCodes.BadInput, authError);
        }

        using var http = PrometheusHttp.CreateClient();
        var prometheus = new PrometheusClientOptions(stage.Endpoints.Prometheus, Auth: auth);
        var check = new LiveCanaryCheck(prometheus, http, time);
        var annotated = check.ExportAsync(stage, settings.Config.Services.Services, options, cancellationToken).GetAwaiter().GetResult();
        if (!annotated.IsOk)
        {
            return CanaryLiveExport.Failed(ExitCodes.RuntimeError, $"Prometheus: {annotated.Error}");
        }

        return new CanaryLiveExport(annotated, options, ExitCodes.Ok, null);
    }

    /// <summary>Replaces <paramref name="path"/> with the records, all at once (a reader never sees half a file).</summary>
    public static void Write(string path, IntervalExportResult result) => AtomicFile.Write(path, result.ToJsonLines());

    /// <summary>One line for the operator: how many records, from what window, and anything skipped.</summary>
    public static IEnumerable<string> Summary(CanaryLiveExport export, string path)
    {
        var (result, options) = (export.Result!, export.Options!);
        yield return string.Create(CultureInfo.InvariantCulture,
            $"{result.Records.Length} record(s) from {IntervalExportOptions.Time(options.Since)} to {IntervalExportOptions.Time(options.Until)} at a {options.StepText} step -> {path}");
        if (result.Skipped > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"  skipped {result.Skipped} incomplete interval(s)");
        }

        if (result.WithoutErrorsSeries > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture,
                $"  {result.WithoutErrorsSeries} record(s) had no {options.ErrorsMetric} series and count 0 errors (check --errors-metric if that is wrong)");
        }

        foreach (var note in result.Notes)
        {
            yield return "  " + note;
        }
    }
}

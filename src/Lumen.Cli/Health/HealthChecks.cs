using System.Text;
using System.Text.Json;
using Lumen.Adapters.Config;
using Lumen.Adapters.LedgerStore;
using Lumen.Adapters.Prometheus;
using Lumen.Adapters.Textfile;
using Lumen.Cli.Composition;
using Lumen.Core.Adjustments;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Core.Sli;

namespace Lumen.Cli.Health;

/// <summary>
/// The checks of <c>lumen health</c> (= <c>make verify</c>; docs/live.md): config, Prometheus, the SLI
/// queries (each template parses, one series per service and track, metric never seen vs no traffic),
/// every executor target (reachable, auth accepted, knobs present), the ledger chain, TTLs, the
/// textfile's freshness and Alertmanager. Read-only: it never opens the ledger for writing, so it runs beside <c>lumen run</c>.
/// </summary>
internal static class HealthChecks
{
    /// <summary>An applied adjustment this long past its TTL means the loop is not rolling back.</summary>
    public const int TtlGraceIntervals = 2;

    /// <summary>lumen.prom older than this many intervals is a warning, older than <see cref="TextfileFailIntervals"/> a failure.</summary>
    public const int TextfileWarnIntervals = 3;

    public const int TextfileFailIntervals = 10;

    public static async Task<IReadOnlyList<HealthCheck>> RunAsync(IEnvironmentVariables env, string? configDir, string? stage, string? stateDirOption,
        TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var checks = new List<HealthCheck>();
        var loaded = SettingsLoader.Load(env, configDir, stage);
        if (!loaded.IsValid || loaded.Settings!.Stage is null)
        {
            var detail = loaded.IsValid ? "no stage chosen: pass --stage or set LUMEN_STAGE"
                : $"{loaded.Errors.Length} error(s); first: {loaded.Errors[0]} (run `lumen validate`)";
            checks.Add(HealthCheck.Fail("config", detail));
            return checks;
        }

        var settings = loaded.Settings;
        var s = settings.Stage!;
        checks.Add(HealthCheck.Ok("config", $"{settings.ConfigDir} valid; stage {s.Name}, {settings.Config.Services.Services.Length} service(s)"));
        var stateDir = string.IsNullOrEmpty(stateDirOption) ? settings.Env.StateDir : stateDirOption;
        var now = time.GetUtcNow();
        using var http = PrometheusHttp.CreateClient();
        var (auth, authError) = PrometheusAuthReader.Read(new SecretReader(env));
        if (authError is not null)
        {
            checks.Add(HealthCheck.Fail("prometheus", authError));
        }
        else
        {
            var options = LoopParts.Prometheus(s, auth, timeout, retries: 0);
            var reachable = await PrometheusReachableAsync(http, options, cancellationToken).ConfigureAwait(false);
            checks.Add(reachable);
            if (reachable.Status == HealthStatus.Ok)
            {
                checks.AddRange(await SliChecksAsync(settings.Config.Services.Services, options, http, time, now, cancellationToken).ConfigureAwait(false));
            }
        }

        checks.AddRange(await ExecutorHealth.CheckAsync(settings.Config.Services.Services, env, time, timeout, cancellationToken).ConfigureAwait(false));
        checks.Add(await CoordinationHealth.CheckAsync(s, [.. settings.Config.Services.Services.Select(x => x.Name)], env, time, timeout, cancellationToken)
            .ConfigureAwait(false));
        checks.AddRange(LedgerChecks(Path.Combine(stateDir, FileLedgerStoreOptions.DefaultFileName), s.Policy.Interval, now));
        checks.AddRange(MapperWarmUpCheck.Run(Path.Combine(stateDir, FileLedgerStoreOptions.DefaultFileName), settings.Config.Services.Services.Select(x => x.Name)));
        checks.Add(Textfile(Path.Combine(stateDir, TextfilePublisher.DefaultFileName), s.Policy.Interval, now));
        checks.Add(await AlertmanagerAsync(http, s.Endpoints.Alertmanager, timeout, cancellationToken).ConfigureAwait(false));
        return checks;
    }

    private static async Task<HealthCheck> PrometheusReachableAsync(HttpClient http, PrometheusClientOptions options, CancellationToken cancellationToken)
    {
        const string name = "prometheus";
        var url = new Uri(options.BaseUrl.AbsoluteUri.TrimEnd('/') + "/api/v1/query?query=vector(1)");
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(options.EffectiveTimeout);
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (options.Auth?.BearerToken is { } token)
            {
                request.Headers.Authorization = new("Bearer", token);
            }
            else if (options.Auth is { User: { } user, Password: { } password })
            {
                request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)));
            }

            using var response = await http.SendAsync(request, cts.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cts.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return HealthCheck.Fail(name, $"{options.DisplayUrl}: HTTP {(int)response.StatusCode} for vector(1)");
            }

            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("status", out var status) && status.GetString() == "success"
                ? HealthCheck.Ok(name, $"{options.DisplayUrl} answers queries")
                : HealthCheck.Fail(name, $"{options.DisplayUrl}: vector(1) did not succeed");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or JsonException)
        {
            var why = ex is OperationCanceledException ? $"no answer within {options.EffectiveTimeout.TotalSeconds:0.#} s" : ex.Message;
            return HealthCheck.Fail(name, $"{options.DisplayUrl} unreachable: {why}");
        }
    }

    /// <summary>One row per service and SLI: every track must give exactly one fresh, finite series
    /// (<see cref="SliDiagnosis"/> says why not: a template that does not parse, a metric never seen, no traffic).</summary>
    private static async Task<IEnumerable<HealthCheck>> SliChecksAsync(IEnumerable<ServiceConfig> services, PrometheusClientOptions options,
        HttpClient http, TimeProvider time, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var list = services.ToList();
        var source = LoopParts.PrometheusSli(list, options, http, time);
        var collection = await source.CollectAsync(now, cancellationToken).ConfigureAwait(false);
        return await SliDiagnosis.RowsAsync(list, collection, options, http, now, cancellationToken).ConfigureAwait(false);
    }

    private static IEnumerable<HealthCheck> LedgerChecks(string ledgerPath, TimeSpan interval, DateTimeOffset now)
    {
        if (!File.Exists(ledgerPath))
        {
            yield return HealthCheck.Warn("ledger", $"{ledgerPath} does not exist yet (the loop has not run)");
            yield return HealthCheck.Ok("ttl", "no adjustments");
            yield break;
        }

        var headPath = FileLedgerStoreOptions.DefaultHeadPath(ledgerPath);
        LedgerCheckpoint? checkpoint = null;
        if (!LedgerHeadFile.TryRead(headPath, out checkpoint, out var headError))
        {
            yield return HealthCheck.Fail("ledger", $"{headPath}: {headError}");
            yield break;
        }

        var report = LedgerFileVerifier.Verify(ledgerPath, checkpoint, null);
        if (!report.IsValid)
        {
            yield return HealthCheck.Fail("ledger", $"{ledgerPath}: line {report.Failure!.Line}: {report.Failure.Reason} (see `lumen ledger verify`)");
            yield break;
        }

        yield return HealthCheck.Ok("ledger", $"{report.Entries} entries, chain valid, head seq {report.Last.Seq}{(checkpoint is null ? " (no head checkpoint)" : " matches the checkpoint")}");
        var book = AdjustmentBook.Empty.ApplyAll(ReadEntries(ledgerPath));
        var grace = TtlGraceIntervals * interval;
        var overdue = book.InState(AdjustmentState.Applied).Where(a => now > a.Intent.ExpiresAt + grace).ToList();
        yield return overdue.Count == 0
            ? HealthCheck.Ok("ttl", $"{book.Open.Count} open adjustment(s), none past its TTL")
            : HealthCheck.Fail("ttl", string.Join("; ", overdue.Select(a =>
                $"{a.Id} ({a.Service}/{a.Knob}) expired at {a.Intent.ExpiresAt:O} and is not rolled back")));
    }

    private static IEnumerable<LedgerEntry> ReadEntries(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && LedgerEntryParser.TryParse(Encoding.UTF8.GetBytes(line), out var entry, out _))
            {
                yield return entry!;
            }
        }
    }

    private static HealthCheck Textfile(string path, TimeSpan interval, DateTimeOffset now)
    {
        const string name = "textfile";
        if (!File.Exists(path))
        {
            return HealthCheck.Warn(name, $"{path} does not exist yet (the loop has not run)");
        }

        var age = now - File.GetLastWriteTimeUtc(path);
        var text = FormattableString.Invariant($"{path} written {Math.Max(0, age.TotalSeconds):0} s ago (interval {interval.TotalSeconds:0} s)");
        return age <= TextfileWarnIntervals * interval ? HealthCheck.Ok(name, text)
            : age <= TextfileFailIntervals * interval ? HealthCheck.Warn(name, text + ": the loop is late")
            : HealthCheck.Fail(name, text + ": the loop is not running");
    }

    private static async Task<HealthCheck> AlertmanagerAsync(HttpClient http, Uri? url, TimeSpan timeout, CancellationToken cancellationToken)
    {
        const string name = "alertmanager";
        if (url is null)
        {
            return HealthCheck.Ok(name, "not configured for this stage (skipped)");
        }

        var ready = new Uri(url.AbsoluteUri.TrimEnd('/') + "/-/ready");
        var display = ready.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            using var response = await http.GetAsync(ready, cts.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? HealthCheck.Ok(name, $"{display} ready")
                : HealthCheck.Fail(name, $"{display}: HTTP {(int)response.StatusCode}");
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return HealthCheck.Fail(name, $"{display} unreachable: {(ex is OperationCanceledException ? "timed out" : ex.Message)}");
        }
    }
}

using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lumen.Adapters.Config;
using Lumen.Adapters.LedgerStore;
using Lumen.Adapters.Prometheus;
using Lumen.Cli.Hosting;
using Lumen.Core.Policy;
using Lumen.Integration.Tests.TestKit;
using Lumen.Runtime.Approvals;
using Lumen.Web.Rollouts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Lumen.Integration.Tests.Rollouts;

/// <summary>
/// The rollout endpoints as <c>lumen run</c> composes them (<see cref="RunRollouts"/> from a config directory
/// and the environment, the file ledger, one <see cref="ApprovalService"/>, ASP.NET Core's rate limiter), on a
/// free loopback port, with their own temp state directory. Slack is not configured (it cannot run here).
/// </summary>
internal sealed class RolloutHost : IAsyncDisposable
{
    public const string Token = "rollout-token-for-tests-0123456789";

    private readonly WebApplication _app;
    private readonly HttpClient _prometheusHttp;

    private RolloutHost(WebApplication app, HttpClient prometheusHttp, FileLedgerStore ledger, ApprovalService approvals, string root, Uri url)
    {
        _app = app;
        _prometheusHttp = prometheusHttp;
        Ledger = ledger;
        Approvals = approvals;
        Root = root;
        Url = url;
    }

    public FileLedgerStore Ledger { get; }

    public ApprovalService Approvals { get; }

    public string Root { get; }

    public string StateDir => Path.Combine(Root, "state");

    public Uri Url { get; }

    public static async Task<RolloutHost> StartAsync(Uri prometheus, bool approvalRequired = true, int permitsPerMinute = 120)
    {
        var root = Directory.CreateTempSubdirectory("lumen-rollouts-").FullName;
        var configDir = RolloutConfig.Write(root, prometheus, approvalRequired);
        var stateDir = Path.Combine(root, "state");
        Directory.CreateDirectory(stateDir);
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { [RolloutOptions.TokenVariable] = Token });
        var loaded = SettingsLoader.Load(env, configDir, "dev");
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors));
        var (options, errors) = RunRollouts.Resolve(env, loaded.Settings!, stateDir);
        Assert.True(options is not null, string.Join("\n", errors));
        options = options with { PermitsPerMinute = permitsPerMinute };

        var ledger = await FileLedgerStore.OpenAsync(FileLedgerStoreOptions.InStateDirectory(stateDir), TimeProvider.System);
        var approvals = new ApprovalService(ledger, TimeProvider.System);
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Services.AddLumenRollouts(options.PermitsPerMinute);
        var app = builder.Build();
        app.UseRateLimiter();
        var prometheusHttp = PrometheusHttp.CreateClient();
        app.MapLumenRollouts(options, ledger, approvals, prometheusHttp, NullLogger.Instance);
        await app.StartAsync();

        // Kestrel bound port 0: the port the system chose is read back, never probed and released.
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()).Port;
        return new RolloutHost(app, prometheusHttp, ledger, approvals, root, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
    }

    /// <summary>POSTs a JSON body as Flagger or Argo would; the status and the parsed answer.</summary>
    public async Task<(int Status, JsonElement Body)> PostAsync(HttpClient http, string path, string json, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url, path.TrimStart('/')))
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var body = text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        return ((int)response.StatusCode, body);
    }

    /// <summary>Flagger's documented webhook payload, with the token in metadata (Flagger cannot send headers).</summary>
    public static string Flagger(string name, string ns, string phase = "Progressing", string checksum = "85d557f47b", string? token = Token) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["phase"] = phase,
            ["checksum"] = checksum,
            ["metadata"] = token is null ? new Dictionary<string, string> { ["window"] = "30m" } : new Dictionary<string, string> { ["token"] = token, ["window"] = "30m" },
        });

    /// <summary>The body the shipped AnalysisTemplate sends (its jsonBody with the args filled in).</summary>
    public static string Argo(string name, string ns, string stableHash, string canaryHash) =>
        JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["phase"] = "Progressing",
            ["metadata"] = new Dictionary<string, string> { ["stable_hash"] = stableHash, ["canary_hash"] = canaryHash, ["window"] = "30m" },
        });

    public string LedgerPath => Path.Combine(StateDir, FileLedgerStoreOptions.DefaultFileName);

    public string ReportPath(string service) => Path.Combine(StateDir, "rollouts", service, "canary_report.json");

    /// <summary>The ledger's entries as JSON (one per line).</summary>
    public IReadOnlyList<JsonElement> Entries() =>
        File.Exists(LedgerPath)
            ? [.. File.ReadAllLines(LedgerPath).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone())]
            : [];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _prometheusHttp.Dispose();
        await Ledger.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp dir left behind is not worth failing a test for.
        }
    }
}

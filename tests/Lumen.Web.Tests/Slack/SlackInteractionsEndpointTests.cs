using System.Globalization;
using System.Net;
using System.Text;
using Lumen.Adapters.Slack;
using Lumen.Core.Ledger;
using Lumen.Web.Tests.TestKit;

namespace Lumen.Web.Tests.Slack;

/// <summary>Signed interaction POSTs, built here as Slack would build them, against a real Kestrel on loopback.</summary>
public sealed class SlackInteractionsEndpointTests
{
    private static string Body(string action, string requestId, string user = "U0ALLOWED")
    {
        var payload = $$"""{"type":"block_actions","user":{"id":"{{user}}","username":"ada"},"actions":[{"action_id":"{{action}}:{{requestId}}","value":"x"}]}""";
        return "payload=" + Uri.EscapeDataString(payload);
    }

    private static async Task<HttpResponseMessage> PostAsync(WebHost host, string body, DateTimeOffset signedAt, byte[]? secret = null, string? signature = null)
    {
        using var client = new HttpClient { BaseAddress = host.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/slack/interactions")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        var ts = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        request.Headers.Add(SlackSignatureVerifier.TimestampHeader, ts);
        request.Headers.Add(SlackSignatureVerifier.SignatureHeader,
            signature ?? SlackSignatureVerifier.Header(secret ?? WebHost.SigningSecret, ts, Encoding.UTF8.GetBytes(body)));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Post_SignedApproveFromAllowlistedUser_RecordsGrant()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();

        using var response = await PostAsync(host, Body(SlackMessage.ApproveAction, request.Id), host.Time.GetUtcNow());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var granted = Assert.Single(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
        Assert.Equal("U0ALLOWED", granted.Actor);
        Assert.Equal("slack", granted.Data.GetProperty("channel").GetString());
        Assert.Equal(request.ReportSha256, granted.Data.GetProperty("report_sha256").GetString());
    }

    [Fact]
    public async Task Post_ForgedSignature_Refused401AndNothingRecorded()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();

        using var response = await PostAsync(host, Body(SlackMessage.ApproveAction, request.Id), host.Time.GetUtcNow(),
            secret: Encoding.UTF8.GetBytes("not-the-signing-secret"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("forged", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Post_BodyChangedAfterSigning_Refused401()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        var now = host.Time.GetUtcNow();
        var ts = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signedForReject = SlackSignatureVerifier.Header(WebHost.SigningSecret, ts, Encoding.UTF8.GetBytes(Body(SlackMessage.RejectAction, request.Id)));

        using var response = await PostAsync(host, Body(SlackMessage.ApproveAction, request.Id), now, signature: signedForReject);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Post_TimestampOlderThan300Seconds_Refused401AsStale()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();

        using var response = await PostAsync(host, Body(SlackMessage.ApproveAction, request.Id), host.Time.GetUtcNow().AddSeconds(-301));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("stale", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Post_ReplayedClickWithinWindow_ChangesNothing()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        var body = Body(SlackMessage.ApproveAction, request.Id);
        var signedAt = host.Time.GetUtcNow();
        using var first = await PostAsync(host, body, signedAt);
        host.Time.Advance(TimeSpan.FromSeconds(30));

        using var replay = await PostAsync(host, body, signedAt);

        Assert.Equal(HttpStatusCode.OK, replay.StatusCode);
        Assert.Contains("already", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Post_RejectAfterApprove_ChangesNothing()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        using var first = await PostAsync(host, Body(SlackMessage.ApproveAction, request.Id), host.Time.GetUtcNow());

        using var second = await PostAsync(host, Body(SlackMessage.RejectAction, request.Id), host.Time.GetUtcNow());

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalRejected));
        Assert.Single(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Post_UserNotOnAllowlist_Refused403AndNothingRecorded()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();

        using var response = await PostAsync(host, Body(SlackMessage.ApproveAction, request.Id, user: "U0MALLORY"), host.Time.GetUtcNow());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Post_NoAllowlistConfigured_NobodyMayDecide()
    {
        await using var host = await WebHost.StartAsync(slackUsers: "");
        var request = await host.RequestAsync();

        using var response = await PostAsync(host, Body(SlackMessage.ApproveAction, request.Id), host.Time.GetUtcNow());

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Post_AfterExpiry_DeniedAndNothingRecorded()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        host.Time.Advance(TimeSpan.FromMinutes(31));

        using var response = await PostAsync(host, Body(SlackMessage.ApproveAction, request.Id), host.Time.GetUtcNow());

        Assert.Contains("expired", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Post_UnknownActionId_Refused400()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();

        using var response = await PostAsync(host, Body("delete_everything", request.Id), host.Time.GetUtcNow());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}

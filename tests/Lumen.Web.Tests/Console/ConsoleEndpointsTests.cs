using System.Net;
using Lumen.Core.Ledger;
using Lumen.Web.Tests.TestKit;

namespace Lumen.Web.Tests.Console;

/// <summary>The console's HTTP contract without a browser: authentication, CSRF, bearer use, idempotence.</summary>
public sealed class ConsoleEndpointsTests
{
    private static HttpClient Client(WebHost host, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

    private static async Task<HttpClient> SignedInAsync(WebHost host, string name = "ada")
    {
        var client = Client(host);
        using var login = await client.PostAsync("/console/login", new FormUrlEncodedContent([new("name", name), new("token", WebHost.Token)]));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var cookie = login.Headers.GetValues("Set-Cookie").Single();
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(WebHost.Token, cookie, StringComparison.Ordinal);
        return client;
    }

    [Fact]
    public async Task Approve_CookieWithoutCsrfField_Forbidden()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        using var client = await SignedInAsync(host);

        using var response = await client.PostAsync($"/console/approvals/{request.Id}/approve", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Approve_NotSignedIn_Unauthorized()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        using var client = Client(host);

        using var response = await client.PostAsync($"/console/approvals/{request.Id}/approve", new FormUrlEncodedContent([new("csrf", "x")]));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Reject_BearerTwice_SecondChangesNothing()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        using var client = Client(host);
        client.DefaultRequestHeaders.Authorization = new("Bearer", WebHost.Token);
        client.DefaultRequestHeaders.Add("X-Lumen-Approver", "bob");

        using var first = await client.PostAsync($"/console/approvals/{request.Id}/reject", new FormUrlEncodedContent([new("reason", "p99 looks odd")]));
        using var second = await client.PostAsync($"/console/approvals/{request.Id}/reject", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("already", await second.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var rejected = Assert.Single(await host.EntriesAsync(LedgerKinds.ApprovalRejected));
        Assert.Equal("p99 looks odd", rejected.Data.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Approve_NameNotOnApproverList_ForbiddenAndNothingRecorded()
    {
        await using var host = await WebHost.StartAsync(approvers: "ada");
        var request = await host.RequestAsync();
        using var client = Client(host);
        client.DefaultRequestHeaders.Authorization = new("Bearer", WebHost.Token);
        client.DefaultRequestHeaders.Add("X-Lumen-Approver", "mallory");

        using var response = await client.PostAsync($"/console/approvals/{request.Id}/approve", new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Page_ForgedCookie_ShowsSignInOnly()
    {
        await using var host = await WebHost.StartAsync();
        await host.RequestAsync();
        var cookies = new CookieContainer();
        cookies.Add(host.BaseAddress, new Cookie("lumen_console", "ada.0000", "/console"));
        using var client = Client(host, cookies);

        var html = await client.GetStringAsync("/console");

        Assert.Contains("Console token", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Pending approvals", html, StringComparison.Ordinal);
    }
}

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
    public async Task Dashboard_WithALoop_ShowsWhichReplicaHoldsEachService()
    {
        var until = DateTimeOffset.UtcNow.AddMinutes(5);
        var holdings = new Lumen.Core.Coordination.Holdings("lumen-0",
            System.Collections.Immutable.ImmutableDictionary<string, long>.Empty.Add("checkout", 17),
            System.Collections.Immutable.ImmutableDictionary<string, string>.Empty.Add("checkout", "lumen-0").Add("search", "lumen-2"),
            3, until, null);
        await using var host = await WebHost.StartAsync(fleet: () => holdings);
        using var client = await SignedInAsync(host);

        var page = await client.GetStringAsync("/console");

        Assert.Contains("<th scope=\"col\">Held by</th>", page, StringComparison.Ordinal);
        Assert.Contains("<td>lumen-0 (this replica, token 17)</td>", page, StringComparison.Ordinal);
        Assert.Contains("<td>lumen-2</td>", page, StringComparison.Ordinal);
        Assert.Contains("this is replica lumen-0 of 3 live; it holds 1 service(s), claims valid until", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_EngineUnreachable_SaysNobodyHoldsAndWhy()
    {
        var holdings = Lumen.Core.Coordination.Holdings.None("lumen-1", "etcd unreachable: connection refused");
        await using var host = await WebHost.StartAsync(fleet: () => holdings);
        using var client = await SignedInAsync(host);

        var page = await client.GetStringAsync("/console");

        Assert.Contains("<td>nobody (unclaimed)</td>", page, StringComparison.Ordinal);
        Assert.Contains("claims lapsed. Problem: etcd unreachable: connection refused", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_WithoutALoop_HasNoFleetColumn()
    {
        await using var host = await WebHost.StartAsync();
        using var client = await SignedInAsync(host);

        var page = await client.GetStringAsync("/console");

        Assert.DoesNotContain("Held by", page, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"fleet\"", page, StringComparison.Ordinal);
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

using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Lumen.Core.Ledger;
using Lumen.Web.Tests.TestKit;

namespace Lumen.Web.Tests.Console;

/// <summary>
/// Sign-in hardening over real Kestrel on loopback: throttling with backoff, server-side sessions
/// (revocation, expiry on the injected clock), origin checks, per-session CSRF and bounded forms.
/// </summary>
public sealed partial class ConsoleSignInTests
{
    private static HttpClient Client(WebHost host, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { CookieContainer = cookies ?? new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = host.BaseAddress };

    private static FormUrlEncodedContent Login(string token, string name = "ada") => new([new("name", name), new("token", token)]);

    private static async Task<(HttpClient Client, CookieContainer Cookies, string Csrf)> SignedInAsync(WebHost host, string name = "ada")
    {
        var cookies = new CookieContainer();
        var client = Client(host, cookies);
        using var login = await client.PostAsync("/console/login", Login(WebHost.Token, name));
        Assert.Equal(HttpStatusCode.SeeOther, login.StatusCode);
        var page = await client.GetStringAsync("/console");
        return (client, cookies, CsrfField().Match(page).Groups[1].Value);
    }

    private static string CookieValue(WebHost host, CookieContainer cookies) =>
        cookies.GetCookies(new Uri(host.BaseAddress, "/console"))["lumen_console"]!.Value;

    private static FormUrlEncodedContent Csrf(string csrf) => new([new("csrf", csrf)]);

    [GeneratedRegex("name=\"csrf\" value=\"([^\"]+)\"")]
    private static partial Regex CsrfField();

    [Fact]
    public async Task Login_300WrongTokens_ThrottledWithBackoffAndRetryAfter()
    {
        await using var host = await WebHost.StartAsync();
        using var client = Client(host);
        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;

        for (var i = 0; i < 300; i++)
        {
            using var response = await client.PostAsync("/console/login", Login("wrong-token-" + i));
            statuses.Add(response.StatusCode);
            retryAfter ??= response.Headers.TryGetValues("Retry-After", out var v) ? v.Single() : null;
        }

        // 5 free failures, the 6th locks out for 1 s; the 294 attempts inside the lock-out are refused unchecked.
        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(294, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Equal("1", retryAfter);

        // The right token inside the lock-out is refused too: the lock-out is not an oracle.
        using (var right = await client.PostAsync("/console/login", Login(WebHost.Token)))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        }

        // Backoff: each failure after the lock-out doubles it (2 s, then 4 s).
        host.Time.Advance(TimeSpan.FromSeconds(1));
        using (var wrong = await client.PostAsync("/console/login", Login("wrong")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var refused = await client.PostAsync("/console/login", Login("wrong")))
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("2", refused.Headers.GetValues("Retry-After").Single());
        }

        host.Time.Advance(TimeSpan.FromSeconds(2));
        using (var wrong = await client.PostAsync("/console/login", Login("wrong")))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using (var refused = await client.PostAsync("/console/login", Login(WebHost.Token)))
        {
            Assert.Equal("4", refused.Headers.GetValues("Retry-After").Single());
        }

        // After the lock-out the right token signs in, and the client starts afresh.
        host.Time.Advance(TimeSpan.FromSeconds(4));
        using var signedIn = await client.PostAsync("/console/login", Login(WebHost.Token));
        Assert.Equal(HttpStatusCode.SeeOther, signedIn.StatusCode);
        Assert.Contains("throttled", host.Logs.All, StringComparison.Ordinal);
        Assert.DoesNotContain(WebHost.Token, host.Logs.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_WrongBearerTokens_ThrottledLikeSignIn()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        using var client = Client(host);
        client.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-token");
        client.DefaultRequestHeaders.Add("X-Lumen-Approver", "bob");
        var statuses = new List<HttpStatusCode>();

        for (var i = 0; i < 20; i++)
        {
            using var response = await client.PostAsync($"/console/approvals/{request.Id}/approve", new FormUrlEncodedContent([]));
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(6, statuses.Count(s => s == HttpStatusCode.Unauthorized));
        Assert.Equal(14, statuses.Count(s => s == HttpStatusCode.TooManyRequests));
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Approve_CookieAfterLogout_Unauthorized()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        var (client, cookies, csrf) = await SignedInAsync(host);
        var stolen = CookieValue(host, cookies);
        using (client)
        {
            using var logout = await client.PostAsync("/console/logout", Csrf(csrf));
            Assert.Equal(HttpStatusCode.SeeOther, logout.StatusCode);
        }

        // The same cookie and CSRF value, replayed after sign-out (as a copied cookie would be).
        var replay = new CookieContainer();
        replay.Add(host.BaseAddress, new Cookie("lumen_console", stolen, "/console"));
        using var again = Client(host, replay);
        using var response = await again.PostAsync($"/console/approvals/{request.Id}/approve", Csrf(csrf));
        var page = await again.GetStringAsync("/console");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("Console token", page, StringComparison.Ordinal);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Approve_OldFormatSignedCookie_Unauthorized()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        var key = Encoding.UTF8.GetBytes(WebHost.Token);
        string Mac(string text) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text)));
        var cookies = new CookieContainer();
        // NAME.HMAC(token, "session:" + NAME): what a cookie looked like when sessions were stateless; even with the right MAC it is refused.
        cookies.Add(host.BaseAddress, new Cookie("lumen_console", "ada." + Mac("session:ada"), "/console"));
        using var client = Client(host, cookies);

        using var response = await client.PostAsync($"/console/approvals/{request.Id}/approve", Csrf(Mac("csrf:ada")));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Approve_SessionPastItsAbsoluteExpiry_Unauthorized()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        var (client, _, csrf) = await SignedInAsync(host);
        using var _client = client;

        // Busy all day (never idle for an hour): still signed in just before 12 h ...
        for (var i = 0; i < 14; i++)
        {
            host.Time.Advance(TimeSpan.FromMinutes(50));
            Assert.Contains("Pending approvals", await client.GetStringAsync("/console"), StringComparison.Ordinal);
        }

        // ... and not after it (14 × 50 min = 11 h 40 min; 25 more minutes passes 12 h).
        host.Time.Advance(TimeSpan.FromMinutes(25));
        using var response = await client.PostAsync($"/console/approvals/{request.Id}/approve", Csrf(csrf));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Approve_SessionIdleForMoreThanAnHour_Unauthorized()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        var (client, _, csrf) = await SignedInAsync(host);
        using var _client = client;

        host.Time.Advance(TimeSpan.FromMinutes(61));
        using var response = await client.PostAsync($"/console/approvals/{request.Id}/approve", Csrf(csrf));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("Origin", "https://evil.example")]
    [InlineData("Origin", "null")]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    public async Task Approve_CrossSiteWithValidSessionAndCsrf_Forbidden(string header, string value)
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        var (client, _, csrf) = await SignedInAsync(host);
        using var _client = client;
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/console/approvals/{request.Id}/approve") { Content = Csrf(csrf) };
        message.Headers.Add(header, value);

        using var response = await client.SendAsync(message);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Approve_SameOriginHeaders_Accepted()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        var (client, _, csrf) = await SignedInAsync(host);
        using var _client = client;
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/console/approvals/{request.Id}/approve") { Content = Csrf(csrf) };
        message.Headers.Add("Origin", host.BaseAddress.GetLeftPart(UriPartial.Authority));
        message.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await client.SendAsync(message);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Single(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Login_CrossSite_ForbiddenAndNoSession()
    {
        await using var host = await WebHost.StartAsync();
        using var client = Client(host);
        using var message = new HttpRequestMessage(HttpMethod.Post, "/console/login") { Content = Login(WebHost.Token) };
        message.Headers.Add("Origin", "https://evil.example");

        using var response = await client.SendAsync(message);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Approve_AnotherSessionsCsrf_Forbidden()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        var (ada, _, adaCsrf) = await SignedInAsync(host, "ada");
        var (bob, _, bobCsrf) = await SignedInAsync(host, "bob");
        using var _ada = ada;
        using var _bob = bob;

        using var response = await ada.PostAsync($"/console/approvals/{request.Id}/approve", Csrf(bobCsrf));

        Assert.NotEqual(adaCsrf, bobCsrf);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Login_SameNameTwice_NewCsrfEachSession()
    {
        await using var host = await WebHost.StartAsync();
        var (first, _, one) = await SignedInAsync(host);
        var (second, _, two) = await SignedInAsync(host);
        first.Dispose();
        second.Dispose();

        Assert.NotEqual(one, two);
        Assert.True(one.Length >= 40, one);
    }

    [Fact]
    public async Task Login_FiveMegabyteChunkedField_413AndNoStackTrace()
    {
        await using var host = await WebHost.StartAsync();
        using var client = Client(host);
        var body = Encoding.ASCII.GetBytes("name=ada&token=" + new string('x', 5 * 1024 * 1024));
        using var content = new StreamContent(new MemoryStream(body)); // no length: sent chunked
        content.Headers.ContentType = new("application/x-www-form-urlencoded");

        using var response = await client.PostAsync("/console/login", content);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Logs.Shipped, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", host.Logs.Shipped, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_FiveThousandFields_413AndNoStackTrace()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        var (client, _, csrf) = await SignedInAsync(host);
        using var _client = client;
        var fields = Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>("f" + i, "1")).Prepend(new("csrf", csrf)).ToList();

        using var response = await client.PostAsync($"/console/approvals/{request.Id}/approve", new FormUrlEncodedContent(fields));
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.DoesNotContain(" at ", text, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", host.Logs.Shipped, StringComparison.Ordinal);
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }

    [Fact]
    public async Task Approve_ManySmallFieldsWithinTheBodyLimit_413()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        var (client, _, csrf) = await SignedInAsync(host);
        using var _client = client;
        var fields = Enumerable.Range(0, 100).Select(i => new KeyValuePair<string, string>("f" + i, "1")).Prepend(new("csrf", csrf)).ToList();

        using var response = await client.PostAsync($"/console/approvals/{request.Id}/approve", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("more than 16 fields", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_MultipartForm_415()
    {
        await using var host = await WebHost.StartAsync();
        using var client = Client(host);
        using var content = new MultipartFormDataContent { { new StringContent("ada"), "name" }, { new StringContent(WebHost.Token), "token" } };

        using var response = await client.PostAsync("/console/login", content);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }
}

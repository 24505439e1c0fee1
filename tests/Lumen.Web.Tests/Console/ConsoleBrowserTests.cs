using Lumen.Core.Ledger;
using Lumen.Web.Tests.TestKit;
using Microsoft.Playwright;

namespace Lumen.Web.Tests.Console;

/// <summary>
/// End to end in a real headless Chromium (Debian's <c>chromium</c>, installed by
/// scripts/ensure-test-deps.sh; Playwright drives it offline, no <c>playwright install</c>).
/// </summary>
[Trait("Speed", "Slow")] // headless Chromium
public sealed class ConsoleBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";

    private static async Task<(IPlaywright, IBrowser)> LaunchAsync()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: run scripts/ensure-test-deps.sh (apt-get install chromium)");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        });
        return (playwright, browser);
    }

    [Fact]
    public async Task Console_LogInAndApprove_GrantRecordedInLedgerAndShown()
    {
        await using var host = await WebHost.StartAsync(approvers: "ada");
        var request = await host.RequestAsync();
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "/console").ToString());
        await page.GetByLabel("Your name (recorded as the approver)").FillAsync("ada");
        await page.GetByLabel("Console token").FillAsync(WebHost.Token);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        var row = page.Locator($"#req-{request.Id}");
        Assert.Contains("concurrency_limit on baseline: 32 → 40", await row.InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Approve {request.Id}" }).ClickAsync();

        var status = await page.GetByRole(AriaRole.Status).InnerTextAsync();
        Assert.Contains($"{request.Id}: your decision is recorded in the ledger.", status, StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"#req-{request.Id}").CountAsync());
        Assert.Contains("approval.granted", await page.Locator("#tail-h + table").InnerTextAsync(), StringComparison.Ordinal);
        var granted = Assert.Single(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
        Assert.Equal("ada", granted.Actor);
        Assert.Equal("console", granted.Data.GetProperty("channel").GetString());
        Assert.Equal(request.Id, granted.Data.GetProperty("request_id").GetString());
    }

    [Fact]
    public async Task Console_WrongToken_StaysOnSignInAndCannotApprove()
    {
        await using var host = await WebHost.StartAsync();
        var request = await host.RequestAsync();
        var (playwright, browser) = await LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(host.BaseAddress, "/console").ToString());
        await page.GetByLabel("Your name (recorded as the approver)").FillAsync("ada");
        await page.GetByLabel("Console token").FillAsync("guess");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        Assert.Contains("Wrong token", await page.GetByRole(AriaRole.Alert).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await page.Locator($"#req-{request.Id}").CountAsync());
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "lumen_console");
        Assert.Empty(await host.EntriesAsync(LedgerKinds.ApprovalGranted));
    }
}

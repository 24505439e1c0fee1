using System.Globalization;
using Lumen.DemoService;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Integration.Tests.TestKit;

/// <summary>One demo-service instance hosted in the test process on a loopback port chosen by the OS.</summary>
internal sealed class DemoInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DemoInstance(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public Uri AdminUrl => new(Url, "admin/config");

    public static async Task<DemoInstance> StartAsync(string service, string track, int seed, double timeScale, string adminToken)
    {
        string[] args =
        [
            "--service", service, "--track", track, "--urls", "http://127.0.0.1:0",
            "--seed", seed.ToString(CultureInfo.InvariantCulture), "--time-scale", timeScale.ToString(CultureInfo.InvariantCulture),
        ];
        var app = DemoApp.Build(args, TimeProvider.System, name => name == "DEMO_ADMIN_TOKEN" ? adminToken : null);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new DemoInstance(app, new Uri(address + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

using Prometheus;

namespace Lumen.DemoService;

/// <summary>The demo service as a <see cref="WebApplication"/>: built here so tests can host instances in-process.</summary>
public static class DemoApp
{
    /// <param name="args">Command line: <c>--service</c>, <c>--track</c>, <c>--urls</c>, <c>--seed</c>, <c>--time-scale</c>.</param>
    /// <param name="time">The clock for the admin endpoint's lease (the system clock, chosen in Program; a test may pass a fake).</param>
    /// <param name="env">Environment lookup (for the admin token); the process environment when null.</param>
    /// <param name="model">The service model; the simulator's defaults when null.</param>
    public static WebApplication Build(string[] args, TimeProvider time, Func<string, string?>? env = null, OrderModel? model = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var settings = DemoSettings.From(builder.Configuration, env ?? Environment.GetEnvironmentVariable);
        var metrics = new DemoMetrics(settings.Service, settings.Track);
        var orders = new OrderService(model ?? new OrderModel(), metrics, settings, new Knobs());
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(orders);

        var app = builder.Build();
        if (settings.AdminToken is null)
        {
            app.Logger.LogWarning("No DEMO_ADMIN_TOKEN or DEMO_ADMIN_TOKEN_FILE: /admin/config answers 401 to everyone.");
        }

        app.MapGet("/api/order", async (HttpContext ctx) =>
        {
            var status = await orders.ServeAsync(ctx.RequestAborted);
            return Results.Json(new { ok = status == StatusCodes.Status200OK }, statusCode: status);
        });
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapMetrics("/metrics", metrics.Registry);
        AdminEndpoint.Map(app, orders, settings.AdminToken, time);
        return app;
    }
}

using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Lumen.Integration.Tests.TestKit;

/// <summary>
/// One loopback server playing both a Prometheus (good answers, or the bad answer set in
/// <see cref="Bad"/>) and a canary's admin endpoint holding one knob, which counts the PUTs it gets.
/// Good answers are stamped with the query's <c>time</c>, so they are fresh on any loop clock.
/// </summary>
internal sealed class FakeLiveTarget : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private double _knob;
    private int _puts;

    private FakeLiveTarget(double knob)
    {
        _knob = knob;
    }

    public FakeHttpServer Server { get; private set; } = null!;

    public Uri AdminUrl => new(Server.Url, "admin/config");

    /// <summary>The bad answer to give every query with; null = good answers.</summary>
    public Func<HttpContext, CancellationToken, Task>? Bad { get; set; }

    public double Knob { get { lock (_lock) { return _knob; } } }

    public int Puts => Volatile.Read(ref _puts);

    public static async Task<FakeLiveTarget> StartAsync(double knob)
    {
        var target = new FakeLiveTarget(knob);
        target.Server = await FakeHttpServer.StartAsync(target.HandleAsync);
        return target;
    }

    private async Task HandleAsync(HttpContext ctx, int n, CancellationToken ct)
    {
        var path = ctx.Request.Path.Value ?? "";
        if (path.EndsWith("/admin/lease", StringComparison.Ordinal))
        {
            // A target without a lease endpoint (docs/reliability.md): the loop acts without a lease.
            ctx.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        if (path.EndsWith("/admin/config", StringComparison.Ordinal))
        {
            if (HttpMethods.IsPut(ctx.Request.Method))
            {
                using var body = await JsonDocument.ParseAsync(ctx.Request.Body, cancellationToken: ct);
                lock (_lock)
                {
                    _knob = body.RootElement.GetProperty("concurrency_limit").GetDouble();
                }

                Interlocked.Increment(ref _puts);
            }

            ctx.Response.ContentType = "application/json";
            await ctx.Response.WriteAsync(string.Create(CultureInfo.InvariantCulture, $$"""{"concurrency_limit":{{Knob}}}"""), ct);
            return;
        }

        if (Bad is { } bad)
        {
            await bad(ctx, ct);
            return;
        }

        var form = await ctx.Request.ReadFormAsync(ct);
        var query = form["query"].ToString();
        var time = form["time"].ToString();
        var value = query.Contains("histogram_quantile", StringComparison.Ordinal) ? "100"
            : query.Contains("errors_total", StringComparison.Ordinal) ? "0.001" : "50";
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync($$$"""
            {"status":"success","data":{"resultType":"vector","result":[
              {"metric":{"service":"checkout","track":"baseline"},"value":[{{{time}}},"{{{value}}}"]},
              {"metric":{"service":"checkout","track":"canary"},"value":[{{{time}}},"{{{value}}}"]}]}}
            """, ct);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

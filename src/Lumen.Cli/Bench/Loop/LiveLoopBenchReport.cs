using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Lumen.Cli.Bench.Loop;

/// <summary>Runs <see cref="LiveLoopBench"/> for <c>lumen bench loop --prometheus URL</c> and prints its result.</summary>
internal static class LiveLoopBenchReport
{
    public static async Task<int> RunAsync(IAnsiConsole console, string prometheus, int services, long? at, int warmUp, int ticks, bool json,
        CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(prometheus.EndsWith('/') ? prometheus : prometheus + "/", UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            console.MarkupLineInterpolated($"[red]error:[/] --prometheus expects an http(s) URL such as http://127.0.0.1:19091, found '{prometheus}'.");
            return ExitCodes.BadInput;
        }

        if (at is not { } unix || unix <= 0)
        {
            console.MarkupLine("[red]error:[/] --prometheus needs --at UNIX, the time (Unix seconds) the last measured tick reads; the data must cover the ticks before it.");
            return ExitCodes.BadInput;
        }

        var time = DateTimeOffset.FromUnixTimeSeconds(unix);
        var r = await LiveLoopBench.RunAsync(url, services, time, Math.Max(1, warmUp), ticks, cancellationToken).ConfigureAwait(false);
        if (json)
        {
            var o = new JsonObject
            {
                ["services"] = r.Services,
                ["queries"] = r.Queries,
                ["ticks"] = r.Ticks,
                ["raw_query_ms"] = Math.Round(r.RawQueryMs, 3),
                ["collect_ms"] = Math.Round(r.CollectMs, 3),
                ["collect_over_raw"] = Math.Round(r.CollectOverRaw, 3),
                ["tick_wall_ms"] = Math.Round(r.TickWallMs, 3),
                ["ok_tracks"] = r.OkTracks,
                ["knob_reads_per_target"] = Math.Round(r.KnobReadsPerTarget, 3),
                ["max_reads_per_target"] = r.MaxReadsPerTarget,
                ["targets"] = r.Targets,
                ["cores"] = Environment.ProcessorCount,
            };
            console.Profile.Out.Writer.WriteLine(o.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return ExitCodes.Ok;
        }

        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Services} services, {r.Queries} batched queries, {r.Ticks} ticks; {r.OkTracks} of {r.Services * 2} tracks Ok"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"collect {r.CollectMs:0.0} ms vs the raw batched queries {r.RawQueryMs:0.0} ms ({r.CollectOverRaw:0.00}×); whole tick {r.TickWallMs:0.0} ms; knob reads {r.KnobReadsPerTarget:0.00} per target per tick (at most {r.MaxReadsPerTarget})"));
        return ExitCodes.Ok;
    }
}

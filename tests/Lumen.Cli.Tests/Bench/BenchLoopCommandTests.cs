using System.Text.Json;
using Lumen.Core.Policy;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Bench;

public sealed class BenchLoopCommandTests
{
    [Fact]
    public void Json_TinyRun_HasTheDocumentedKeysAndTheMapperActs()
    {
        // 4 services, 0.6 days of backfilled history (more than half the 24 h period), 2 measured ticks.
        var (code, output) = Run("bench", "loop", "--services", "4", "--days", "0.6", "--ticks", "2", "--warmup", "1", "--json");

        Assert.Equal(ExitCodes.Ok, code);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(4, root.GetProperty("services").GetInt32());
        Assert.Equal(4, root.GetProperty("mapped_services").GetInt32());
        Assert.True(root.GetProperty("history_points").GetInt32() >= 1500);
        foreach (var key in new[] { "cpu_ms_per_tick", "wall_ms_per_tick", "alloc_bytes_per_tick", "rss_mb" })
        {
            Assert.True(root.GetProperty(key).GetDouble() > 0, key);
        }

        var collections = root.GetProperty("gc_per_tick");
        var (gen0, gen1, gen2) = (collections.GetProperty("gen0").GetDouble(), collections.GetProperty("gen1").GetDouble(), collections.GetProperty("gen2").GetDouble());
        Assert.True(gen0 >= gen1 && gen1 >= gen2 && gen2 >= 0, $"collections per tick by generation: {gen0}, {gen1}, {gen2}");
        Assert.True(root.GetProperty("gc_pause_ms_per_tick").GetDouble() >= 0);
        Assert.True(root.GetProperty("full_gc_ms").GetDouble() > 0);
    }

    [Theory]
    [InlineData("--services", "0")]
    [InlineData("--days", "0.4")]
    [InlineData("--days", "8")]
    [InlineData("--ticks", "0")]
    public void BadArgument_Exit2(string option, string value)
    {
        var (code, output) = Run("bench", "loop", option, value);

        Assert.Equal(ExitCodes.BadInput, code);
        Assert.Contains("error:", output, StringComparison.Ordinal);
    }

    private static (int ExitCode, string Output) Run(params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 500;
        var code = LumenApp.Run(args, console, new DictionaryEnvironmentVariables(new Dictionary<string, string>()));
        return (code, console.Output);
    }
}

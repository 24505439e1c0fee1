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
        Assert.True(root.GetProperty("gc_gen0_budget_bytes").GetInt64() >= 64 * 1024, "the collector's young-generation budget");
    }

    [Fact]
    public void Json_AllocTypes_ListsTheTypesThatAllocatedMostLargestFirst()
    {
        // Enough services and ticks for the runtime's allocation sampling (every ~100 KB) to report.
        var (code, output) = Run("bench", "loop", "--services", "50", "--days", "0.6", "--ticks", "3", "--warmup", "1", "--alloc-types", "5", "--json");

        Assert.Equal(ExitCodes.Ok, code);
        using var doc = JsonDocument.Parse(output);
        var types = doc.RootElement.GetProperty("alloc_by_type").EnumerateArray()
            .Select(t => (Type: t.GetProperty("type").GetString(), Bytes: t.GetProperty("bytes_per_tick").GetDouble())).ToList();
        Assert.InRange(types.Count, 1, 5);
        Assert.All(types, t => Assert.False(string.IsNullOrEmpty(t.Type)));
        Assert.All(types, t => Assert.True(t.Bytes > 0, t.Type));
        Assert.Equal(types.Select(t => t.Bytes).OrderDescending(), types.Select(t => t.Bytes));
    }

    [Fact]
    public void Json_WithoutAllocTypes_HasNoSuchKey()
    {
        var (code, output) = Run("bench", "loop", "--services", "2", "--days", "0.6", "--ticks", "1", "--warmup", "0", "--json");

        Assert.Equal(ExitCodes.Ok, code);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.TryGetProperty("alloc_by_type", out _));
    }

    [Theory]
    [InlineData("--services", "0")]
    [InlineData("--days", "0.4")]
    [InlineData("--days", "8")]
    [InlineData("--ticks", "0")]
    [InlineData("--alloc-types", "-1")]
    [InlineData("--alloc-types", "101")]
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

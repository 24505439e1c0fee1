using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Deploy;

/// <summary>
/// The Native AOT binary (docs/releasing.md) runs the product's paths that reflection touches:
/// every command's settings binding (Spectre.Console.Cli), the ledger's data (ObjectJson), the
/// saved models (source-generated JSON), the charts (SkiaSharp), and the HTTP host of `lumen run`.
/// Each test runs the real binary as a process.
/// </summary>
[Trait("Speed", "Slow")] // publishes the AOT binary once when it is missing (minutes)
public sealed partial class NativeBinaryTests
{
    [Fact]
    public void EveryCommand_PrintsItsHelp()
    {
        var seen = new List<string>();
        var pending = new Queue<string[]>([[]]);
        while (pending.TryDequeue(out var path))
        {
            var run = Tool.Run(NativeBinary.Path, Tool.RepoRoot, null, [.. path, "--help"]);
            var name = path.Length == 0 ? "lumen" : string.Join(' ', path);

            Assert.True(run.ExitCode == 0, run.Describe($"{name} --help"));
            Assert.Contains("USAGE:", run.StdOut, StringComparison.Ordinal);
            seen.Add(name);
            foreach (var sub in SubCommands(run.StdOut))
            {
                pending.Enqueue([.. path, sub]);
            }
        }

        // lumen itself, its branches (canary, ledger, approvals, bench...) and their commands.
        Assert.True(seen.Count >= 30, "only " + string.Join(", ", seen));
        Assert.Contains("canary promote", seen);
        Assert.Contains("ledger verify", seen);
        Assert.Contains("run", seen);
    }

    [Theory]
    [InlineData("--version")]
    [InlineData("version")]
    public void Version_AnsweredBeforeTheCommandTree_PrintsWhatTheVersionCommandPrints(string argument)
    {
        var console = new TestConsole();
        var code = LumenApp.Run(["version"], console);

        var run = Tool.Run(NativeBinary.Path, Tool.RepoRoot, null, argument);

        Assert.Equal(ExitCodes.Ok, code);
        Assert.True(run.ExitCode == 0, run.Describe($"lumen {argument}"));
        // The same line, up to the source revision (a binary published earlier may carry an older commit).
        Assert.Matches(@"^lumen \d+\.\d+\.\d+(\+[0-9a-f]{40})?\n$", run.StdOut);
        Assert.Equal(console.Output.Trim().Split('+')[0], run.StdOut.Trim().Split('+')[0]);
    }

    /// <summary>
    /// The binary carries the collector's young-generation budget of 32 MiB (the runtime's default with the
    /// concurrent collector is at most 6 MiB: a 10,000-service tick then ran ten collections), and
    /// DOTNET_GCgen0size (hexadecimal) still overrides it.
    /// </summary>
    [Fact]
    public void BenchLoop_YoungGenerationBudget_EmbeddedAndOverriddenByTheEnvironment()
    {
        string[] args = ["bench", "loop", "--services", "2", "--days", "0.6", "--ticks", "1", "--warmup", "0", "--json"];

        var embedded = Tool.Run(NativeBinary.Path, Tool.RepoRoot, null, args);
        var overridden = Tool.Run(NativeBinary.Path, Tool.RepoRoot, new Dictionary<string, string> { ["DOTNET_GCgen0size"] = "1000000" }, args);

        Assert.True(embedded.ExitCode == 0, embedded.Describe("lumen bench loop (AOT)"));
        Assert.True(overridden.ExitCode == 0, overridden.Describe("lumen bench loop (AOT, DOTNET_GCgen0size)"));
        Assert.Equal(32L << 20, Budget(embedded.StdOut));
        Assert.Equal(16L << 20, Budget(overridden.StdOut));

        static long Budget(string json)
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.GetProperty("gc_gen0_budget_bytes").GetInt64();
        }
    }

    [Fact]
    public void Demo_MakesTheSameDecisionsAsTheJitBuild()
    {
        using var native = new TempDir();
        using var jit = new TempDir();

        var run = Tool.Run(NativeBinary.Path, Tool.RepoRoot, null, "demo", "--days", "0.25", "--seed", "7", "--out", native.Path);
        var console = new TestConsole();
        var code = LumenApp.Run(["demo", "--days", "0.25", "--seed", "7", "--out", jit.Path], console);

        Assert.True(run.ExitCode == 0, run.Describe("lumen demo (AOT)"));
        Assert.True(code == ExitCodes.Ok, console.Output);
        var expected = Decisions(Path.Combine(jit.Path, "proof_ledger.jsonl"), jit.Path);
        var actual = Decisions(Path.Combine(native.Path, "proof_ledger.jsonl"), native.Path);
        Assert.True(expected.Count > 2_000, $"only {expected.Count} entries");
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i] == actual[i], $"entry {i + 1} differs:\nJIT: {expected[i]}\nAOT: {actual[i]}");
        }

        Assert.True(File.Exists(Path.Combine(native.Path, "reports", "latency-checkout.png")), "the AOT build draws the charts");
        Assert.True(new FileInfo(Path.Combine(native.Path, "reports", "latency-checkout.png")).Length > 10_000);
    }

    [Fact]
    public async Task Run_ServesHealthReadinessAndMetrics_AndStopsCleanlyOnSigterm()
    {
        using var dir = new TempDir();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Tool.RepoRoot, "config")))
        {
            File.Copy(file, Path.Combine(dir.Path, Path.GetFileName(file)));
        }

        var port = LoopbackPort.Unbound();
        var psi = new ProcessStartInfo(NativeBinary.Path)
        {
            WorkingDirectory = dir.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "run", "--stage", "dev", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--config-dir", dir.Path, "--state-dir", Path.Combine(dir.Path, "state") })
        {
            psi.ArgumentList.Add(arg);
        }

        // The sample config's executors name this token; nothing listens at their URLs, so the loop
        // starts, reports its problems and acts on nothing.
        psi.Environment["CHECKOUT_ADMIN_TOKEN"] = "test-token";
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            var healthy = await PollAsync(http, "/healthz", process);
            Assert.True(healthy == HttpStatusCode.OK, $"/healthz answered {healthy}\n{await Output(process, stdout, stderr)}");
            var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
            // The metrics are published after the first tick: bounded polling until they are.
            var metrics = "";
            for (var attempt = 0; attempt < 300 && !metrics.Contains("lumen_", StringComparison.Ordinal) && !process.HasExited; attempt++)
            {
                metrics = await http.GetStringAsync(new Uri("/metrics", UriKind.Relative));
                if (!metrics.Contains("lumen_", StringComparison.Ordinal))
                {
                    await Task.Delay(100);
                }
            }

            Assert.Contains("lumen_tick", metrics, StringComparison.Ordinal);
        }
        finally
        {
            var term = Tool.Run("kill", dir.Path, null, "-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.True(term.ExitCode == 0, term.Describe("kill -TERM"));
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
        }

        Assert.True(process.ExitCode == 0, await Output(process, stdout, stderr));
        Assert.Contains("ledger head", await stdout + await stderr, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode?> PollAsync(HttpClient http, string path, Process process)
    {
        // Bounded polling until the host listens (or the process ends).
        for (var attempt = 0; attempt < 300 && !process.HasExited; attempt++)
        {
            try
            {
                return (await http.GetAsync(new Uri(path, UriKind.Relative))).StatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }

        return null;
    }

    private static async Task<string> Output(Process process, Task<string> stdout, Task<string> stderr) =>
        process.HasExited ? $"exit {process.ExitCode}\nstdout:\n{await stdout}\nstderr:\n{await stderr}" : "(still running)";

    private static IEnumerable<string> SubCommands(string help)
    {
        var at = help.IndexOf("COMMANDS:", StringComparison.Ordinal);
        if (at < 0)
        {
            yield break;
        }

        foreach (var line in help[(at + "COMMANDS:".Length)..].Split('\n'))
        {
            if (CommandLine().Match(line) is { Success: true } m)
            {
                yield return m.Groups[1].Value;
            }
        }
    }

    /// <summary>The ledger's entries without what differs between two runs of the same decisions: the
    /// hash chain, process ids, durations, and the output folder (and the report hashes and approval
    /// ids that depend on it).</summary>
    private static List<string> Decisions(string ledger, string outDir) =>
        [.. File.ReadLines(ledger).Select(line => Normalise(JsonNode.Parse(line), outDir)!.ToJsonString())];

    private static JsonNode? Normalise(JsonNode? node, string outDir)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Select(p => p.Key).ToList())
                {
                    if (key is "hash" or "prev" or "pid" or "duration_ms" || key.EndsWith("sha256", StringComparison.Ordinal) || key.EndsWith("_hash", StringComparison.Ordinal))
                    {
                        o.Remove(key);
                    }
                    else
                    {
                        o[key] = Normalise(o[key]?.DeepClone(), outDir);
                    }
                }

                return o;
            case JsonArray a:
                return new JsonArray([.. a.Select(e => Normalise(e?.DeepClone(), outDir))]);
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                return JsonValue.Create(ApprovalId().Replace(v.GetValue<string>().Replace(outDir, "<out>", StringComparison.Ordinal), "apr-*"));
            default:
                return node;
        }
    }

    [GeneratedRegex(@"^    ([a-z][a-z0-9-]*)\b")]
    private static partial Regex CommandLine();

    [GeneratedRegex(@"apr-[0-9a-f]{6,}")]
    private static partial Regex ApprovalId();
}

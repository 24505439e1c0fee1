using System.Text;
using Lumen.Adapters.Config;
using Lumen.Cli.Hosting;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Lumen.Core.Rhythm;
using Lumen.Runtime.Loop;
using Microsoft.Extensions.Time.Testing;

namespace Lumen.Integration.Tests.TestKit;

/// <summary>
/// <c>lumen run</c>'s composition (<see cref="LiveLoop"/>) driven tick by tick on a fake loop clock
/// that starts at the real time, so TTLs pass in an instant while Prometheus, executors and the ledger
/// are real. The rhythm is compressed (a 60 s cycle, 4 points) so the loop maps, and acts, after a few ticks.
/// </summary>
internal sealed class LiveLoopDriver : IAsyncDisposable
{
    private LiveLoopDriver(LiveLoop live, FakeTimeProvider time)
    {
        Live = live;
        Time = time;
    }

    public LiveLoop Live { get; }

    public FakeTimeProvider Time { get; }

    public static RhythmOptions FastRhythm { get; } = RhythmOptions.Default with
    {
        Period = TimeSpan.FromSeconds(60),
        MinValidPoints = 4,
        MinCoverage = 0.05,
        CoherenceHalfLife = TimeSpan.FromSeconds(30),
    };

    /// <param name="leaseHolder">Who the loop is as a lease holder. Default one name for every driver (the tests of a class
    /// share a demo canary, so consecutive drivers are restarts of one controller); a second controller passes another.</param>
    /// <param name="time">The loop clock; default a fake one starting now. Two drivers share one to see the same time.</param>
    public static async Task<LiveLoopDriver> StartAsync(LiveConfig config, string adminToken, TimeSpan? prometheusTimeout = null,
        string leaseHolder = "integration-tests", FakeTimeProvider? time = null, LiveLoopOptions? options = null)
    {
        var env = new DictionaryEnvironmentVariables(new Dictionary<string, string> { [LiveConfig.TokenEnv] = adminToken });
        var settings = SettingsLoader.Load(env, config.ConfigDir, "dev");
        Assert.True(settings.IsValid, string.Join("\n", settings.Errors));
        time ??= new FakeTimeProvider(DateTimeOffset.UtcNow);
        var build = await LiveLoop.BuildAsync(settings.Settings!, env, (options ?? new LiveLoopOptions(config.StateDir, TimeProvider.System)) with
        {
            LoopTime = time,
            Rhythm = FastRhythm,
            PrometheusTimeout = prometheusTimeout,
            PrometheusRetries = 0,
            LeaseHolder = leaseHolder,
        }, CancellationToken.None);
        Assert.True(build.Loop is not null, string.Join("\n", build.Errors));
        return new LiveLoopDriver(build.Loop!, time);
    }

    /// <summary>Advances the loop clock by <paramref name="step"/> and runs one tick.</summary>
    public Task<TickReport> TickAsync(TimeSpan step)
    {
        Time.Advance(step);
        return Live.Loop.TickAsync(CancellationToken.None);
    }

    /// <summary>Ticks until <paramref name="done"/> holds for the ledger, at most <paramref name="ticks"/> times.</summary>
    public async Task<bool> TickUntilAsync(Func<IReadOnlyList<LedgerEntry>, bool> done, int ticks, TimeSpan step, TimeSpan? realDelay = null)
    {
        for (var i = 0; i < ticks; i++)
        {
            await TickAsync(step);
            if (done(Entries()))
            {
                return true;
            }

            if (realDelay is { } d)
            {
                // Lets Prometheus scrape again (1 s interval) so successive ticks see new samples.
                await Task.Delay(d);
            }
        }

        return false;
    }

    public IReadOnlyList<LedgerEntry> Entries() => ReadLedger(Live.LedgerPath);

    public static IReadOnlyList<LedgerEntry> ReadLedger(string path)
    {
        var list = new List<LedgerEntry>();
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        while (reader.ReadLine() is { Length: > 0 } line)
        {
            Assert.True(LedgerEntryParser.TryParse(Encoding.UTF8.GetBytes(line), out var entry, out var error), error);
            list.Add(entry!);
        }

        return list;
    }

    public ValueTask DisposeAsync() => Live.DisposeAsync();
}

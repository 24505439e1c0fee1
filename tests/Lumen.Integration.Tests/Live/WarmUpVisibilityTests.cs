using Lumen.Adapters.LedgerStore;
using Lumen.Cli.Health;
using Lumen.Cli.Hosting;
using Lumen.Core.Ledger;
using Lumen.Runtime.Loop;

namespace Lumen.Integration.Tests.Live;

/// <summary>The mapper's warm-up as people see it: <c>/readyz</c>'s text and status, and <c>lumen health</c>'s rows.</summary>
public sealed class WarmUpVisibilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private static readonly MapperReadiness Warming = new("checkout", false, TimeSpan.FromHours(4), TimeSpan.FromHours(12), 480,
        Now.AddHours(8), "the history covers 04:00:00 but at least 12:00:00 is needed");

    private static readonly MapperReadiness Ready = new("search", true, TimeSpan.FromHours(24), TimeSpan.FromHours(12), 2880, null, null);

    [Fact]
    public void Readyz_MapperWarmingUp_StaysReadyButSaysSo()
    {
        var status = new LoopStatus(TimeSpan.FromSeconds(30), () => false, () => [Warming, Ready]);
        status.TickEnded(1, Now, []);

        var (ready, text) = status.Readiness(Now);

        Assert.True(ready);
        Assert.Contains("mapper of checkout warming up: 4 h of 12 h, ready at 2026-03-01 16:00Z", text, StringComparison.Ordinal);
        Assert.DoesNotContain("search", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Readyz_RequireMappers_IsNotReadyWhileOneWarmsUp()
    {
        var status = new LoopStatus(TimeSpan.FromSeconds(30), () => false, () => [Warming, Ready]);
        status.TickEnded(1, Now, []);

        var warm = new LoopStatus(TimeSpan.FromSeconds(30), () => false, () => [Ready]);
        warm.TickEnded(1, Now, []);

        var (ready, text) = status.Readiness(Now, requireMappers: true);
        var (readyWhenWarm, _) = warm.Readiness(Now, requireMappers: true);

        Assert.False(ready);
        Assert.StartsWith("not ready:", text, StringComparison.Ordinal);
        Assert.Contains("mapper of checkout warming up", text, StringComparison.Ordinal);
        Assert.True(readyWhenWarm);
    }

    [Fact]
    public async Task Health_LastObservations_OneMapperRowPerService()
    {
        var dir = Directory.CreateTempSubdirectory("lumen-warmup-").FullName;
        try
        {
            var path = Path.Combine(dir, FileLedgerStoreOptions.DefaultFileName);
            await using (var ledger = await FileLedgerStore.OpenAsync(new FileLedgerStoreOptions(path), TimeProvider.System))
            {
                foreach (var m in new[] { Warming, Ready })
                {
                    await ledger.AppendAsync(new LedgerDraft(LedgerKinds.Observation, "dev", m.Service, "lumen", LedgerData.From(new Dictionary<string, object?>
                    {
                        ["tick"] = 1,
                        ["mapper"] = new Dictionary<string, object?>
                        {
                            ["ready"] = m.Ready,
                            ["history_seconds"] = m.History.TotalSeconds,
                            ["needed_seconds"] = m.Needed.TotalSeconds,
                            ["points"] = m.Points,
                            ["ready_at"] = m.ReadyAt,
                        },
                    })), CancellationToken.None);
                }
            }

            var rows = MapperWarmUpCheck.Run(path, ["checkout", "search", "payments"]);

            Assert.Equal(3, rows.Count);
            Assert.Equal(HealthStatus.Warn, rows[0].Status);
            Assert.Equal("mapper checkout", rows[0].Name);
            Assert.StartsWith("mapper warming up: 4 h of 12 h, ready at 2026-03-01 16:00Z", rows[0].Detail, StringComparison.Ordinal);
            Assert.Equal(HealthStatus.Ok, rows[1].Status);
            Assert.Equal("ready (24 h of history)", rows[1].Detail);
            Assert.Equal(HealthStatus.Warn, rows[2].Status); // no observation yet
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

using System.Collections.Immutable;
using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Decisions.Reward;
using Lumen.Core.Ledger;
using Lumen.Runtime.Tests.TestKit;
using Lumen.Runtime.Training;

namespace Lumen.Runtime.Tests.Loop;

/// <summary>The loop picks up the reward model <c>lumen train-reward</c> wrote into the state directory.</summary>
public sealed class RewardModelLoadingTests
{
    [Fact]
    public async Task Build_RewardModelInStateDirectory_IsLoadedAndNoted()
    {
        await using var fixture = await LoopFixture.CreateAsync();
        var samples = Enumerable.Range(0, 40)
            .Select(i => new RewardSample([1.0, i / 40.0], i % 2 == 0 ? Arm.Hold : Arm.Increase("concurrency_limit"), i / 400.0))
            .ToList();
        fixture.Files.Files[RewardTrainer.ModelFile] = RidgeRewardModel.Fit(samples, 2, 1.0).ToJson();

        await fixture.RestartAsync();

        var loaded = (await fixture.EntriesAsync()).Last(e => e.Kind == LedgerKinds.ConfigLoaded);
        var notes = loaded.Data.GetProperty("notes").EnumerateArray().Select(n => n.GetString()).ToList();
        Assert.Contains(notes, n => n!.StartsWith("reward model loaded (models/reward.json, dimension 2)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Build_BrokenRewardModel_FailsAtStartWithTheReason()
    {
        await using var fixture = await LoopFixture.CreateAsync();
        fixture.Files.Files[RewardTrainer.ModelFile] = "{\"format\":\"something else\"}";

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.RestartAsync());

        Assert.StartsWith("reward model:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_NoRewardModel_NotesNothing()
    {
        await using var fixture = await LoopFixture.CreateAsync();

        var loaded = (await fixture.EntriesAsync()).Single(e => e.Kind == LedgerKinds.ConfigLoaded);

        Assert.DoesNotContain(loaded.Data.GetProperty("notes").EnumerateArray(), n => n.GetString()!.Contains("reward model", StringComparison.Ordinal));
    }
}

using Lumen.Core.Decisions.Tuner;

namespace Lumen.Core.Tests.Decisions.Tuner;

public sealed class TrialCandidatesTests
{
    private static readonly KnobAxis[] Axes =
    [
        new("concurrency_limit", 4, 256, 4, true),
        new("cache_size_mb", 64, 4096, 64, true),
        new("timeout_ms", 100, 5000, 100, true),
    ];

    [Fact]
    public void Around_IncumbentFirst_EveryOtherDistinctAndWithinTheClampAndBounds()
    {
        double[] incumbent = [32, 512, 1500];

        var candidates = TrialCandidates.Around(Axes, incumbent, 0.25, maxKnobs: 3);

        Assert.Equal(incumbent, candidates[0].ToArray());
        Assert.Equal(candidates.Length, candidates.Select(c => string.Join(",", c)).Distinct().Count());
        foreach (var c in candidates.Skip(1))
        {
            Assert.InRange(TrialTuner.Changed(c, incumbent), 1, 2);
            for (var i = 0; i < Axes.Length; i++)
            {
                Assert.InRange(c[i], Axes[i].Min, Axes[i].Max);
                Assert.True(Math.Abs(c[i] - incumbent[i]) <= (0.25 * incumbent[i]) + 1e-9, $"{Axes[i].Name} {incumbent[i]}→{c[i]}");
            }
        }

        Assert.Contains(candidates, c => c[0] == 40 && c[1] == 512 && c[2] == 1500);
        Assert.Contains(candidates, c => c[0] == 24 && c[1] == 640 && c[2] == 1500);
    }

    [Fact]
    public void Around_OneFreeSlot_MovesOneKnobAtATime()
    {
        var candidates = TrialCandidates.Around(Axes, [32, 512, 1500], 0.25, maxKnobs: 1);

        Assert.All(candidates.Skip(1), c => Assert.Equal(1, TrialTuner.Changed(c, [32, 512, 1500])));
    }

    [Fact]
    public void Around_AtABound_ProposesNothingBeyondIt()
    {
        var candidates = TrialCandidates.Around(Axes, [256, 4096, 5000], 0.25, maxKnobs: 3);

        Assert.All(candidates, c => Assert.True(c[0] <= 256 && c[1] <= 4096 && c[2] <= 5000));
        Assert.Contains(candidates, c => c[0] < 256);
    }
}

using Lumen.Core.Guard;
using static Lumen.Core.Tests.Guard.GuardScenario;

namespace Lumen.Core.Tests.Guard;

public sealed class SafetyGuardTests
{
    private static readonly GuardScenario Base = new();

    [Fact]
    public void Evaluate_PlainStep_AcceptedAtCurrentPlusStep()
    {
        var result = (Base with { Proposals = [Rule("concurrency_limit", ChangeDirection.Increase)] }).Evaluate();

        var change = Assert.Single(result.Accepted);
        Assert.Equal(32, change.From);
        Assert.Equal(36, change.To);
        Assert.Empty(result.Rejected);
    }

    [Fact]
    public void Evaluate_StepLargerThanClamp_IsClamped()
    {
        // 10 % of 512 = 51.2 < step 64; integer rounding toward the current value → 563.
        var scenario = Base with
        {
            Policy = Base.Policy with { DeltaClamp = 0.10 },
            Proposals = [Bandit("cache_size_mb", ChangeDirection.Increase)],
        };

        Assert.Equal(563, Assert.Single(scenario.Evaluate().Accepted).To);
    }

    [Fact]
    public void Evaluate_Decrease_RoundsTowardCurrent()
    {
        // 33 − 3.3 = 29.7 → ceiling 30 (never past the clamp).
        var scenario = Base with
        {
            Policy = Base.Policy with { DeltaClamp = 0.10 },
            Knobs = [new("checkout", "concurrency_limit", 4, 256, 4, true, 33)],
            Proposals = [Rule("concurrency_limit", ChangeDirection.Decrease)],
        };

        Assert.Equal(30, Assert.Single(scenario.Evaluate().Accepted).To);
    }

    [Fact]
    public void Evaluate_NearBound_StopsAtBound()
    {
        var scenario = Base with
        {
            Knobs = [new("checkout", "concurrency_limit", 4, 256, 4, true, 254)],
            Proposals = [Rule("concurrency_limit", ChangeDirection.Increase)],
        };

        Assert.Equal(256, Assert.Single(scenario.Evaluate().Accepted).To);
    }

    [Theory]
    [InlineData(256, "Increase")] // at the upper bound
    [InlineData(4, "Decrease")]   // at the lower bound
    public void Evaluate_AtBound_RejectedAsNoChange(double current, string directionName)
    {
        var direction = Enum.Parse<ChangeDirection>(directionName);
        var scenario = Base with
        {
            Knobs = [new("checkout", "concurrency_limit", 4, 256, 4, true, current)],
            Proposals = [Rule("concurrency_limit", direction)],
        };

        AssertRejected(scenario, RejectionCode.NoChange, "no_change");
    }

    [Fact]
    public void Evaluate_ChangeRoundsToNothing_RejectedAsNoChange()
    {
        // 10 % of 5 = 0.5 → 5.5 → floor 5: an integer knob this small cannot move under this clamp.
        var scenario = Base with
        {
            Policy = Base.Policy with { DeltaClamp = 0.10 },
            Knobs = [new("checkout", "concurrency_limit", 4, 256, 4, true, 5)],
            Proposals = [Rule("concurrency_limit", ChangeDirection.Increase)],
        };

        AssertRejected(scenario, RejectionCode.NoChange, "no_change");
    }

    [Theory]
    [InlineData("Stale", "StaleData", "stale_data")]
    [InlineData("Missing", "MissingData", "missing_data")]
    public void Evaluate_DataNotFresh_Rejected(string freshnessName, string codeName, string name)
    {
        var freshness = Enum.Parse<DataFreshness>(freshnessName);
        var code = Enum.Parse<RejectionCode>(codeName);
        var scenario = Base with
        {
            Services = [new("checkout", freshness, false, false, 0.9)],
            Proposals = [Rule("concurrency_limit", ChangeDirection.Increase)],
        };

        AssertRejected(scenario, code, name);
    }

    [Fact]
    public void Evaluate_NoStatusForService_RejectedAsMissingData()
    {
        AssertRejected(Base with { Services = [], Proposals = [Rule("concurrency_limit", ChangeDirection.Increase)] }, RejectionCode.MissingData, "missing_data");
    }

    [Fact]
    public void Evaluate_CanaryOrPromotionRunning_Rejected()
    {
        var canary = Base with
        {
            Services = [new("checkout", DataFreshness.Fresh, true, false, 0.9)],
            Proposals = [Rule("concurrency_limit", ChangeDirection.Increase)],
        };
        var promotion = canary with { Services = [new("checkout", DataFreshness.Fresh, false, true, 0.9)] };

        AssertRejected(canary, RejectionCode.CanaryInProgress, "canary_in_progress");
        AssertRejected(promotion, RejectionCode.PromotionInProgress, "promotion_in_progress");
    }

    [Fact]
    public void Evaluate_UnknownKnob_Rejected()
    {
        AssertRejected(Base with { Proposals = [Rule("threads", ChangeDirection.Increase)] }, RejectionCode.UnknownKnob, "unknown_knob");
    }

    [Fact]
    public void Evaluate_KnobWithActiveAdjustment_Rejected()
    {
        var scenario = Base with
        {
            Active = [new("adj-1", "checkout", "concurrency_limit", Now.AddMinutes(-10), Now.AddMinutes(10), 0.9)],
            Proposals = [Rule("concurrency_limit", ChangeDirection.Increase)],
        };

        AssertRejected(scenario, RejectionCode.KnobActive, "knob_active");
    }

    [Fact]
    public void Evaluate_RuleAndBanditOnSameKnob_RuleWinsWhateverTheOrder()
    {
        var scenario = Base with
        {
            Proposals = [Bandit("concurrency_limit", ChangeDirection.Decrease), Rule("concurrency_limit", ChangeDirection.Increase)],
        };

        var result = scenario.Evaluate();

        Assert.Equal(ProposalSource.Rules, Assert.Single(result.Accepted).Proposal.Source);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(ProposalSource.Bandit, rejected.Proposal.Source);
        Assert.Equal("knob_taken", rejected.CodeName);
    }

    [Fact]
    public void Evaluate_WithinCooldown_Rejected_AfterCooldown_Accepted()
    {
        var key = new KnobKey("checkout", "concurrency_limit");
        var recent = Base with
        {
            LastChanges = Base.LastChanges.Add(key, Now.AddMinutes(-3)),
            Proposals = [Rule("concurrency_limit", ChangeDirection.Increase)],
        };
        var old = recent with { LastChanges = Base.LastChanges.Add(key, Now.AddMinutes(-5)) };

        AssertRejected(recent, RejectionCode.Cooldown, "cooldown");
        Assert.Single(old.Evaluate().Accepted);
    }

    [Fact]
    public void Evaluate_MoreProposalsThanFreeSlots_ExtraRejected()
    {
        var scenario = Base with
        {
            Policy = Base.Policy with { MaxActiveAdjustments = 1 },
            Proposals = [Bandit("cache_size_mb", ChangeDirection.Increase), Bandit("concurrency_limit", ChangeDirection.Increase)],
        };

        var result = scenario.Evaluate();

        Assert.Equal("cache_size_mb", Assert.Single(result.Accepted).Proposal.Knob);
        Assert.Equal(RejectionCode.MaxActive, Assert.Single(result.Rejected).Code);
    }

    [Fact]
    public void Evaluate_CoherenceFellBelowMinimum_BrakeRollsBackAndBlocksService()
    {
        var scenario = Base with
        {
            Services = [new("checkout", DataFreshness.Fresh, false, false, 0.4)],
            Active = [new("adj-7", "checkout", "cache_size_mb", Now.AddMinutes(-2), Now.AddMinutes(18), 0.8)],
            Proposals = [Rule("concurrency_limit", ChangeDirection.Increase)],
        };

        var result = scenario.Evaluate();

        var rollback = Assert.Single(result.Rollbacks);
        Assert.Equal("adj-7", rollback.AdjustmentId);
        Assert.Equal(0.4, rollback.CoherenceNow);
        Assert.Contains("coherence_min", rollback.Reason, StringComparison.Ordinal);
        Assert.Equal(RejectionCode.BrakeEngaged, Assert.Single(result.Rejected).Code);
    }

    [Theory]
    [InlineData(0.6, 0.9)] // above the minimum: fine
    [InlineData(0.45, 0.4)] // below the minimum but better than before the adjustment: let it work
    [InlineData(0.38, 0.4)] // already below the minimum, a little worse (noise): within the margin, let it work
    [InlineData(0.351, 0.4)] // 0.049 lower: still within the 0.05 margin
    public void Evaluate_CoherenceNotWorseOrAboveMinimum_NoRollback(double now, double before)
    {
        var scenario = Base with
        {
            Services = [new("checkout", DataFreshness.Fresh, false, false, now)],
            Active = [new("adj-7", "checkout", "cache_size_mb", Now.AddMinutes(-2), Now.AddMinutes(18), before)],
        };

        Assert.Empty(scenario.Evaluate().Rollbacks);
    }

    [Theory]
    [InlineData(0.49, 0.5)] // at the minimum before, below it now: fell below
    [InlineData(0.3, 0.4)] // already below, and 0.1 lower: a material further drop
    public void Evaluate_CoherenceFellBelowOrMateriallyFurther_Rollback(double now, double before)
    {
        var scenario = Base with
        {
            Services = [new("checkout", DataFreshness.Fresh, false, false, now)],
            Active = [new("adj-7", "checkout", "cache_size_mb", Now.AddMinutes(-2), Now.AddMinutes(18), before)],
        };

        Assert.Equal("adj-7", Assert.Single(scenario.Evaluate().Rollbacks).AdjustmentId);
    }

    [Fact]
    public void Evaluate_BelowMinimumFurtherDropWithZeroMargin_Rollback()
    {
        var scenario = Base with
        {
            Policy = Base.Policy with { BrakeMargin = 0 },
            Services = [new("checkout", DataFreshness.Fresh, false, false, 0.38)],
            Active = [new("adj-7", "checkout", "cache_size_mb", Now.AddMinutes(-2), Now.AddMinutes(18), 0.4)],
        };

        Assert.Contains("brake margin", Assert.Single(scenario.Evaluate().Rollbacks).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_KnobCurrentlyOutOfBounds_Rejected()
    {
        var scenario = Base with
        {
            Knobs = [new("checkout", "concurrency_limit", 4, 256, 4, true, 300)],
            Proposals = [Rule("concurrency_limit", ChangeDirection.Decrease)],
        };

        AssertRejected(scenario, RejectionCode.KnobOutOfBounds, "knob_out_of_bounds");
    }

    [Fact]
    public void Evaluate_SameInputTwice_SameVerdict()
    {
        var scenario = Base with
        {
            Policy = Base.Policy with { MaxActiveAdjustments = 1 },
            Proposals = [Bandit("concurrency_limit", ChangeDirection.Increase), Bandit("cache_size_mb", ChangeDirection.Decrease), Rule("cache_size_mb", ChangeDirection.Increase)],
        };

        var first = scenario.Evaluate();
        var second = scenario.Evaluate();

        Assert.Equal(first.Accepted.ToArray(), second.Accepted.ToArray());
        Assert.Equal(first.Rejected.ToArray(), second.Rejected.ToArray());
        Assert.Equal(ProposalSource.Rules, Assert.Single(first.Accepted).Proposal.Source);
    }

    [Fact]
    public void RejectionCodes_AllDistinctSnakeCase()
    {
        var names = Enum.GetValues<RejectionCode>().Select(c => c.ToCodeName()).ToList();

        Assert.Equal(names.Count, names.Distinct().Count());
        Assert.All(names, n => Assert.Matches("^[a-z]+(_[a-z]+)*$", n));
    }

    [Fact]
    public void Evaluate_InvalidPolicy_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => (Base with { Policy = Base.Policy with { DeltaClamp = 0 } }).Evaluate());
    }

    private static void AssertRejected(GuardScenario scenario, RejectionCode code, string name)
    {
        var result = scenario.Evaluate();
        Assert.Empty(result.Accepted);
        var rejected = Assert.Single(result.Rejected);
        Assert.Equal(code, rejected.Code);
        Assert.Equal(name, rejected.CodeName);
        Assert.False(string.IsNullOrWhiteSpace(rejected.Reason));
    }
}

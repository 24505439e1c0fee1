using Lumen.Core.Adjustments;
using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Decisions.Reward;
using Lumen.Core.Guard;
using Lumen.Core.Ledger;

namespace Lumen.Runtime.Loop;

/// <summary>Step 4: the reward of each applied adjustment whose knob has settled (docs/bandit.md).</summary>
public sealed partial class ControlLoop
{
    /// <summary>
    /// For every applied adjustment past its <c>settle_until</c> and not yet judged:
    /// <c>r_obs = health_after − health_before − cost</c>, <c>r = (1 − λ)·r_obs + λ·r̂(x, a)</c>, the
    /// bandit learns r for the arm with the x recorded at decision time, and <c>reward.observed</c> is
    /// written. Waits (a later tick) while the service's data is not fresh: an unknown health is not 0.
    /// </summary>
    private async Task ObserveRewardsAsync(TickContext tick, CancellationToken cancellationToken)
    {
        var learnt = false;
        foreach (var adjustment in _book.InState(AdjustmentState.Applied).ToList())
        {
            var intent = adjustment.Intent;
            if (adjustment.RewardObserved || tick.Now < intent.SettleUntil
                || intent.X is not { } x || intent.HealthBefore is not { } healthBefore
                || tick.Find(adjustment.Service) is not { } service
                || service.Freshness != DataFreshness.Fresh || service.Coordinates?.Health is not { } healthAfter
                || Knob(adjustment.Service, adjustment.Knob) is not { } knob)
            {
                continue;
            }

            var bandit = service.Memory.Bandit;
            var arm = bandit.Arms.IndexOf(bandit.Arms.FirstOrDefault(a => a.Key == intent.Arm));
            if (arm < 0 || x.Length != bandit.Dimension)
            {
                tick.Problems.Add($"{adjustment.Id}: arm {intent.Arm} or its context no longer matches the configured knobs; reward not learnt");
                continue;
            }

            var cost = RewardSignal.Cost(knob.CostWeight, intent.To - intent.From);
            var observed = RewardSignal.Observed(healthBefore, healthAfter, cost);
            double? predicted = _rewardModel is { } model && model.Dimension == x.Length ? model.Predict(x.AsSpan(), bandit.Arms[arm]) : null;
            var lambda = _stage.Policy.RewardMixLambda;
            var reward = RewardSignal.Mix(observed, lambda, predicted);
            bandit.Update(arm, x.AsSpan(), reward);
            service.Memory.LastReward = reward;
            learnt = true;
            await AppendAsync(tick, LedgerKinds.RewardObserved, adjustment.Service, LedgerData.From(new Dictionary<string, object?>
            {
                ["id"] = adjustment.Id,
                ["arm"] = intent.Arm,
                ["x"] = x.ToArray(),
                ["health_before"] = healthBefore,
                ["health_after"] = healthAfter,
                ["cost"] = cost,
                ["r_obs"] = observed,
                ["r_model"] = predicted,
                ["lambda"] = lambda,
                ["r"] = reward,
            }), cancellationToken).ConfigureAwait(false);
        }

        foreach (var service in tick.Services)
        {
            learnt |= await ObserveHoldAsync(tick, service, cancellationToken).ConfigureAwait(false);
        }

        if (learnt)
        {
            await BanditStore.SaveAsync(_ports.StateFiles, _services, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// The reward of a hold decision, once its settle time has passed: <c>r_obs = health_after −
    /// health_before</c> (no cost), mixed with the model like any arm, learnt for hold with the x of
    /// the decision, and written as <c>reward.observed</c> with <c>arm: hold</c> and no id. Without
    /// it hold would keep A = ridge·I and its UCB would beat every arm tried once, for ever. The hold
    /// is dropped, unlearnt, when a knob of the service changed meanwhile (it was no hold then) or
    /// when fresh data did not come back within a second settle delay.
    /// </summary>
    private async Task<bool> ObserveHoldAsync(TickContext tick, ServiceTick service, CancellationToken cancellationToken)
    {
        if (service.Memory.PendingHold is not { } hold || tick.Now < hold.SettleUntil)
        {
            return false;
        }

        if (service.Freshness != DataFreshness.Fresh || Finite(service.Coordinates?.Health) is not { } healthAfter)
        {
            if (tick.Now > hold.SettleUntil + (hold.SettleUntil - hold.Since))
            {
                service.Memory.PendingHold = null;
            }

            return false;
        }

        service.Memory.PendingHold = null;
        var prefix = service.Name + "/";
        var bandit = service.Memory.Bandit;
        var arm = bandit.IndexOf(Arm.Hold);
        if (_book.LastChanges.Any(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal) && kv.Value >= hold.Since)
            || arm < 0 || hold.X.Length != bandit.Dimension)
        {
            return false;
        }

        var observed = RewardSignal.Observed(hold.HealthBefore, healthAfter, 0);
        double? predicted = _rewardModel is { } model && model.Dimension == hold.X.Length ? model.Predict(hold.X.AsSpan(), Arm.Hold) : null;
        var lambda = _stage.Policy.RewardMixLambda;
        var reward = RewardSignal.Mix(observed, lambda, predicted);
        bandit.Update(arm, hold.X.AsSpan(), reward);
        service.Memory.LastReward = reward;
        await AppendAsync(tick, LedgerKinds.RewardObserved, service.Name, LedgerData.From(new Dictionary<string, object?>
        {
            ["arm"] = Arm.Hold.Key,
            ["decided_tick"] = hold.Tick,
            ["x"] = hold.X.ToArray(),
            ["health_before"] = hold.HealthBefore,
            ["health_after"] = healthAfter,
            ["cost"] = 0.0,
            ["r_obs"] = observed,
            ["r_model"] = predicted,
            ["lambda"] = lambda,
            ["r"] = reward,
        }), cancellationToken).ConfigureAwait(false);
        return true;
    }
}

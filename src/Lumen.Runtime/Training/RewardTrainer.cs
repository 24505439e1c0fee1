using System.Collections.Immutable;
using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Decisions.Reward;
using Lumen.Core.Ledger;

namespace Lumen.Runtime.Training;

/// <summary>
/// <c>lumen train-reward</c>'s work (docs/bandit.md): the (x, arm, r_obs) of every <c>reward.observed</c>
/// entry, in ledger order, fitted by the core's <see cref="RidgeRewardModel"/> (the last 20 % held out
/// to measure the error, then refitted on all). The loop mixes the saved model in with λ.
/// </summary>
public static class RewardTrainer
{
    /// <summary>Fewer samples than this fit nothing: a model from a handful of rewards would only add noise.</summary>
    public const int MinimumSamples = 20;

    /// <summary>Where the model goes, relative to the state directory (the loop reads it from there).</summary>
    public const string ModelFile = "models/reward.json";

    public static RewardTrainingResult Train(IEnumerable<LedgerEntry> entries, double ridge = 1.0)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var samples = new List<RewardSample>();
        var skipped = 0;
        int? dimension = null;
        foreach (var entry in entries)
        {
            if (entry.Kind != LedgerKinds.RewardObserved)
            {
                continue;
            }

            if (!TryRead(entry, out var sample) || (dimension is { } d && sample!.Context.Length != d))
            {
                // A reward from another knob layout (d changed) or without x cannot join this fit.
                skipped++;
                continue;
            }

            dimension ??= sample!.Context.Length;
            samples.Add(sample!);
        }

        if (samples.Count < MinimumSamples)
        {
            return RewardTrainingResult.TooFew(samples.Count, skipped, MinimumSamples);
        }

        var model = RidgeRewardModel.Fit(samples, dimension!.Value, ridge);
        var perArm = model.Arms.Select(a => new RewardArmCount(a.Arm, a.Samples)).ToImmutableArray();
        return new RewardTrainingResult(samples.Count, skipped, model.Dimension, model.HeldOut?.Count, model.HeldOut?.Rmse,
            model.HeldOut?.R2, perArm, model.ToJson(), null);
    }

    private static bool TryRead(LedgerEntry entry, out RewardSample? sample)
    {
        sample = null;
        var data = entry.Data;
        if (!data.TryGetProperty("arm", out var armText) || armText.ValueKind != System.Text.Json.JsonValueKind.String
            || !data.TryGetProperty("r_obs", out var r) || !r.TryGetDouble(out var reward) || !double.IsFinite(reward)
            || !data.TryGetProperty("x", out var x) || x.ValueKind != System.Text.Json.JsonValueKind.Array
            || ParseArm(armText.GetString()!) is not { } arm)
        {
            return false;
        }

        var context = ImmutableArray.CreateBuilder<double>();
        foreach (var value in x.EnumerateArray())
        {
            if (value.ValueKind != System.Text.Json.JsonValueKind.Number || !value.TryGetDouble(out var v) || !double.IsFinite(v))
            {
                return false;
            }

            context.Add(v);
        }

        if (context.Count == 0)
        {
            return false;
        }

        sample = new RewardSample(context.ToImmutable(), arm, reward);
        return true;
    }

    private static Arm? ParseArm(string key)
    {
        if (key == "hold")
        {
            return Arm.Hold;
        }

        var colon = key.LastIndexOf(':');
        if (colon <= 0)
        {
            return null;
        }

        var knob = key[..colon];
        return key[(colon + 1)..] switch
        {
            "increase" => Arm.Increase(knob),
            "decrease" => Arm.Decrease(knob),
            _ => null,
        };
    }
}

using System.Collections.Immutable;
using System.Text.Json;
using Lumen.Core.Json;

namespace Lumen.Core.Decisions.Bandit;

/// <summary>Saving and loading the model as versioned JSON (see <see cref="LinUcbState"/>).</summary>
public sealed partial class LinUcbModel
{
    public LinUcbState ToState()
    {
        var arms = ImmutableArray.CreateBuilder<LinUcbArmState>(Arms.Length);
        for (var arm = 0; arm < Arms.Length; arm++)
        {
            arms.Add(new LinUcbArmState(
                Arms[arm].Key,
                Arms[arm].Knob,
                Arms[arm].Direction,
                updates[arm],
                [.. Matrix(arm)],
                [.. Inverse(arm)],
                [.. RewardSums(arm)],
                [.. Theta(arm)]));
        }

        return new LinUcbState(
            LinUcbState.FormatName, LinUcbState.CurrentVersion, Dimension, Ridge, RecomputeEvery, Seed, Decisions, arms.MoveToImmutable());
    }

    public string ToJson() => JsonSerializer.Serialize(ToState(), DecisionJson.Options.TypeInfo<LinUcbState>());

    public static ModelLoadResult<LinUcbModel> FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        LinUcbState? state;
        try
        {
            state = JsonSerializer.Deserialize(json, DecisionJson.Options.TypeInfo<LinUcbState>());
        }
        catch (JsonException e)
        {
            return ModelLoadResult<LinUcbModel>.Fail($"not a LinUCB model: {e.Message}");
        }

        return state is null ? ModelLoadResult<LinUcbModel>.Fail("not a LinUCB model: empty document") : FromState(state);
    }

    public static ModelLoadResult<LinUcbModel> FromState(LinUcbState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Format != LinUcbState.FormatName)
        {
            return ModelLoadResult<LinUcbModel>.Fail($"format is '{state.Format}', expected '{LinUcbState.FormatName}'");
        }

        if (state.Version != LinUcbState.CurrentVersion)
        {
            return ModelLoadResult<LinUcbModel>.Fail($"version {state.Version} is not supported (this build reads version {LinUcbState.CurrentVersion})");
        }

        if (state.Dimension < 1 || !(state.Ridge > 0) || !double.IsFinite(state.Ridge) || state.RecomputeEvery < 0 || state.Decisions < 0)
        {
            return ModelLoadResult<LinUcbModel>.Fail("dimension, ridge, recompute_every or decisions is out of range");
        }

        if (state.Arms.IsDefaultOrEmpty)
        {
            return ModelLoadResult<LinUcbModel>.Fail("the model has no arms");
        }

        var arms = ImmutableArray.CreateBuilder<Arm>(state.Arms.Length);
        var d = state.Dimension;
        foreach (var arm in state.Arms)
        {
            var parsed = new Arm(arm.Direction == ArmDirection.Hold ? null : arm.Knob, arm.Direction);
            if (parsed.Key != arm.Arm || (!parsed.IsHold && string.IsNullOrEmpty(arm.Knob)))
            {
                return ModelLoadResult<LinUcbModel>.Fail($"arm '{arm.Arm}' does not match its knob and direction");
            }

            if (!HasShape(arm.A, d * d) || !HasShape(arm.AInverse, d * d) || !HasShape(arm.B, d) || !HasShape(arm.Theta, d) || arm.Updates < 0)
            {
                return ModelLoadResult<LinUcbModel>.Fail($"arm '{arm.Arm}' has matrices of the wrong size or non-finite values");
            }

            arms.Add(parsed);
        }

        if (arms.Select(x => x.Key).Distinct(StringComparer.Ordinal).Count() != arms.Count)
        {
            return ModelLoadResult<LinUcbModel>.Fail("arm keys are not unique");
        }

        var model = new LinUcbModel(arms.MoveToImmutable(), d, state.Ridge, state.RecomputeEvery, state.Seed)
        {
            Decisions = state.Decisions,
        };
        for (var i = 0; i < state.Arms.Length; i++)
        {
            var arm = state.Arms[i];
            arm.A.AsSpan().CopyTo(model.MatrixSpan(model.a, i));
            arm.AInverse.AsSpan().CopyTo(model.MatrixSpan(model.aInverse, i));
            arm.B.AsSpan().CopyTo(model.VectorSpan(model.b, i));
            model.updates[i] = arm.Updates;
            arm.Theta.AsSpan().CopyTo(model.VectorSpan(model.theta, i));
        }

        return ModelLoadResult<LinUcbModel>.Ok(model);
    }

    private static bool HasShape(ImmutableArray<double> values, int length)
    {
        if (values.IsDefault || values.Length != length)
        {
            return false;
        }

        foreach (var value in values)
        {
            if (!double.IsFinite(value))
            {
                return false;
            }
        }

        return true;
    }
}

using Lumen.Simulator.Model;

namespace Lumen.Simulator.Tests.Model;

public sealed class RetryStormTests
{
    private static readonly ModelParameters Payments = new()
    {
        Cores = 8, HitServiceMs = 60, MissServiceMs = 60, Contention = 0.1, GcMsPerGb = 0,
        KneeUtilization = 0.8, ClientRetries = 2, StormGoodput = 0.3,
    };

    private static ServiceShape Shape(ModelParameters p, double timeoutMs) =>
        ServiceModel.Shape(p, new ModelKnobs(32, 0, timeoutMs), Impairment.None);

    [Fact]
    public void Evaluate_PastTheTrigger_StormOutlivesItUntilTheLoadFallsWellBelow()
    {
        var shape = Shape(Payments, 300);
        var retry = shape.Retry;
        Assert.True(retry.ExitRps < 0.6 * retry.EntryRps, $"entry {retry.EntryRps} rps, exit {retry.ExitRps} rps");

        var storm = false;
        var calm = ServiceModel.Evaluate(shape, 0.9 * retry.EntryRps, ref storm, out _);
        Assert.False(storm);
        Assert.True(calm.ErrorRate < 0.05, $"errors before the trigger {calm.ErrorRate}");

        ServiceModel.Evaluate(shape, 1.02 * retry.EntryRps, ref storm, out _);
        Assert.True(storm);

        // The load is back where it was calm, but the retries keep the instance past its knee.
        var after = ServiceModel.Evaluate(shape, 0.9 * retry.EntryRps, ref storm, out _);
        Assert.True(storm);
        Assert.True(after.ErrorRate > 0.5, $"errors in the storm {after.ErrorRate}");
        Assert.True(after.AttemptRps > 1.5 * 0.9 * retry.EntryRps, $"attempts {after.AttemptRps}");
        Assert.Equal(300, after.P95Ms, 6);

        ServiceModel.Evaluate(shape, 0.99 * retry.ExitRps, ref storm, out _);
        Assert.False(storm);
    }

    [Fact]
    public void Evaluate_ShortTimeout_CostsFarMoreAtPeakThanAtTrough()
    {
        var strict = Shape(Payments, 200);
        var patient = Shape(Payments, 1000);
        var trough = 0.2 * patient.Retry.EntryRps;
        var peak = 0.97 * patient.Retry.EntryRps;

        double Errors(ServiceShape shape, double rps)
        {
            var storm = false;
            return ServiceModel.Evaluate(shape, rps, ref storm, out _).ErrorRate;
        }

        // The retries of the short timeout's cut requests push the peak past the storm's entry.
        Assert.True(strict.Retry.EntryRps < peak, $"short timeout's entry {strict.Retry.EntryRps} rps, peak {peak} rps");
        var troughCost = Errors(strict, trough) - Errors(patient, trough);
        var peakCost = Errors(strict, peak) - Errors(patient, peak);
        Assert.True(peakCost > 10 * troughCost, $"cost at peak {peakCost}, at trough {troughCost}");
    }

    [Fact]
    public void Evaluate_FullGoodput_HasNoHysteresis()
    {
        var shape = Shape(Payments with { StormGoodput = 1 }, 1000);

        Assert.True(shape.Retry.ExitRps >= shape.Retry.EntryRps);
        var storm = true;
        ServiceModel.Evaluate(shape, 0.95 * shape.Retry.KneeRps, ref storm, out _);
        Assert.False(storm);
    }

    [Fact]
    public void Evaluate_NoRetries_NeverStorms()
    {
        var shape = Shape(Payments with { ClientRetries = 0, StormGoodput = 1 }, 300);
        var storm = true;

        var result = ServiceModel.Evaluate(shape, 1e4, ref storm, out _);

        Assert.False(storm);
        Assert.Equal(1e4, result.AttemptRps);
    }

    [Fact]
    public void Evaluate_BelowTheKnee_RetriesAddTheTimedOutShare()
    {
        var shape = Shape(Payments, 150);
        var storm = false;

        var result = ServiceModel.Evaluate(shape, 100, ref storm, out var latency);

        // x = λ·(1 + p + p²) with p the timed-out share at x.
        var p = latency.TimeoutShare;
        Assert.True(p > 0.05);
        Assert.Equal(100 * (1 + p + p * p), result.AttemptRps, 4);
    }
}

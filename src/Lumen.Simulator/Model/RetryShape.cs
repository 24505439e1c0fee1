namespace Lumen.Simulator.Model;

/// <summary>
/// Clients' retries of timed-out requests for one knob setting (docs/simulator.md, "Retries and
/// storms"). Rates are per instance, in requests per second.
/// </summary>
/// <param name="Retries">How often a client retries a timed-out request (0 = never).</param>
/// <param name="Goodput">Share of a saturated instance's completed work that still meets the deadline.</param>
/// <param name="KneeRps">The instance's throughput at the knee.</param>
/// <param name="EntryRps">Client load from which the retries push the instance over the knee: a storm starts.</param>
/// <param name="ExitRps">Client load below which a storm's retries no longer fill the knee: it ends.</param>
internal readonly record struct RetryShape(int Retries, double Goodput, double KneeRps, double EntryRps, double ExitRps)
{
    public static RetryShape None { get; } = new(0, 1, double.PositiveInfinity, double.PositiveInfinity, double.PositiveInfinity);

    /// <summary>Attempts per client request when each attempt times out with probability p: 1 + p + … + p^r.</summary>
    public double Amplification(double p)
    {
        var sum = 1.0;
        var term = 1.0;
        for (var k = 0; k < Retries; k++)
        {
            term *= p;
            sum += term;
        }

        return sum;
    }
}

using System.Collections.Immutable;

namespace Lumen.Cli.Bench.Tuner.Anchors;

/// <summary>
/// The anchors of one environment for one seed's load (the seed only matters where the load has
/// bursts, which are drawn per seed): per service, and summed over services per hour and in
/// total, which is how a run's reward is summed (docs/benchmarks-tuner.md "Anchors").
/// </summary>
internal sealed record TunerAnchors(string Environment, int Seed, RunTicks Ticks, ImmutableArray<ServiceAnchor> Services)
{
    public ImmutableArray<double> StaticHourly => SumHourly(s => s.StaticHourly);

    public ImmutableArray<double> BestFixedHourly => SumHourly(s => s.BestFixedHourly);

    public ImmutableArray<double> ScheduleHourly => SumHourly(s => s.ScheduleHourly);

    public double Static => Services.Sum(s => s.StaticHourly.Sum());

    public double BestFixed => Services.Sum(s => s.BestFixedHourly.Sum());

    public double HourlySchedule => Services.Sum(s => s.ScheduleHourly.Sum());

    private ImmutableArray<double> SumHourly(Func<ServiceAnchor, ImmutableArray<double>> hourly)
    {
        var sums = new double[Ticks.Hours];
        foreach (var service in Services)
        {
            var values = hourly(service);
            for (var h = 0; h < sums.Length; h++)
            {
                sums[h] += values[h];
            }
        }

        return [.. sums];
    }
}

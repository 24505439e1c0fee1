using Lumen.Core.Sli;

namespace Lumen.Core.Tests.Rhythm;

/// <summary>Synthetic histories with known answers.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset Start = new(2025, 3, 3, 0, 0, 0, TimeSpan.Zero);

    /// <summary>rps = mean + amplitude·cos(2π(t − peak)/24 h), one point per <paramref name="step"/>.</summary>
    public static SliSample[] Sine(TimeSpan span, TimeSpan step, double mean, double amplitude, TimeSpan peakTimeOfDay)
    {
        var samples = new List<SliSample>();
        for (var t = Start; t <= Start + span; t += step)
        {
            double hours = (t - Start - peakTimeOfDay).TotalHours;
            samples.Add(SliSample.FromRps(t, mean + (amplitude * Math.Cos(2 * Math.PI * hours / 24))));
        }

        return [.. samples];
    }

    public static SliSample At(double minutesFromStart, double p95Ms, double errorRate, double rps = 100) =>
        new(Start.AddMinutes(minutesFromStart), p95Ms, errorRate, rps);
}

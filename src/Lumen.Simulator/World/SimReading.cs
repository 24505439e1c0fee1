namespace Lumen.Simulator.World;

/// <summary>
/// The SLIs one track of a service showed over the last interval, with measurement noise: request
/// and error counts are Poisson/binomial draws, the p95 carries log-normal noise. When
/// <see cref="Requests"/> is 0 the latency and error fields are 0 and mean "no data".
/// </summary>
/// <param name="Timestamp">End of the interval.</param>
/// <param name="Saturation">Utilization of the track's workers, capped at 1.</param>
public readonly record struct SimReading(
    DateTimeOffset Timestamp,
    long Requests,
    long Errors,
    double Rps,
    double P95Ms,
    double ErrorRate,
    double Saturation);

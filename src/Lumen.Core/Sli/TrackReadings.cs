namespace Lumen.Core.Sli;

/// <summary>One tick's readings of one (service, track). <see cref="Saturation"/> is null when the service defines none.</summary>
public sealed record TrackReadings(
    string Service,
    string Track,
    SliReading P95Ms,
    SliReading ErrorRate,
    SliReading Rps,
    SliReading? Saturation = null)
{
    /// <summary>Every reading with its SLI name, in a fixed order (p95_ms, error_rate, rps, saturation).</summary>
    public IEnumerable<(string Sli, SliReading Reading)> All()
    {
        yield return ("p95_ms", P95Ms);
        yield return ("error_rate", ErrorRate);
        yield return ("rps", Rps);
        if (Saturation is { } saturation)
        {
            yield return ("saturation", saturation);
        }
    }

    /// <summary>True when every reading is Ok: only then may the track's data lead to an action.</summary>
    public bool AllOk => All().All(r => r.Reading.IsOk);

    /// <summary>The first reading that is not Ok, or null.</summary>
    public (string Sli, SliReading Reading)? FirstProblem =>
        All().Where(r => !r.Reading.IsOk).Select(r => ((string, SliReading)?)r).FirstOrDefault();

    /// <summary>The numbers for the mapper; a reading that is not Ok becomes NaN, never 0.</summary>
    public SliSample ToSample(DateTimeOffset timestamp) =>
        new(timestamp, P95Ms.ValueOrNaN, ErrorRate.ValueOrNaN, Rps.ValueOrNaN, Saturation?.ValueOrNaN);
}

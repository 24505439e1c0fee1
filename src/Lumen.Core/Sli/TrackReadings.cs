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

    /// <summary>How many readings <see cref="All"/> yields (3, or 4 with a saturation).</summary>
    public int ReadingCount => Saturation is null ? 3 : 4;

    /// <summary>The reading <see cref="All"/> yields at <paramref name="index"/>, without an enumerator (read every tick per service).</summary>
    public (string Sli, SliReading Reading) ReadingAt(int index) => index switch
    {
        0 => ("p95_ms", P95Ms),
        1 => ("error_rate", ErrorRate),
        2 => ("rps", Rps),
        3 when Saturation is { } saturation => ("saturation", saturation),
        _ => throw new ArgumentOutOfRangeException(nameof(index), index, "no reading at this index"),
    };

    /// <summary>True when every reading is Ok: only then may the track's data lead to an action.</summary>
    public bool AllOk => P95Ms.IsOk && ErrorRate.IsOk && Rps.IsOk && (Saturation is not { } s || s.IsOk);

    /// <summary>True when at least one reading is Ok.</summary>
    public bool AnyOk => P95Ms.IsOk || ErrorRate.IsOk || Rps.IsOk || (Saturation is { } s && s.IsOk);

    /// <summary>The first reading that is not Ok, or null.</summary>
    public (string Sli, SliReading Reading)? FirstProblem
    {
        get
        {
            for (var i = 0; i < ReadingCount; i++)
            {
                var reading = ReadingAt(i);
                if (!reading.Reading.IsOk)
                {
                    return reading;
                }
            }

            return null;
        }
    }

    /// <summary>The numbers for the mapper; a reading that is not Ok becomes NaN, never 0.</summary>
    public SliSample ToSample(DateTimeOffset timestamp) =>
        new(timestamp, P95Ms.ValueOrNaN, ErrorRate.ValueOrNaN, Rps.ValueOrNaN, Saturation?.ValueOrNaN);
}

using System.Collections.Immutable;
using Lumen.Core.Sli;

namespace Lumen.TestKit;

/// <summary>
/// An in-process <see cref="ISliSource"/> whose readings are a pure function of the time asked for
/// (tests, the crash harness). The default script reads every (service, track) as Ok with the given
/// values; <see cref="Status"/> turns every reading into Missing/Stale/Invalid/Error, and
/// <see cref="Throw"/> makes the source itself fail.
/// </summary>
public sealed class ScriptedSliSource(IReadOnlyList<string> services, Func<string, string, DateTimeOffset, TrackReadings> script) : ISliSource
{
    /// <summary>When set, every reading has this status instead of the script's value.</summary>
    public SliStatus? Status { get; set; }

    /// <summary>When true, <see cref="ReadAsync"/> throws (a broken source).</summary>
    public bool Throw { get; set; }

    /// <summary>How many times the source was read.</summary>
    public int Reads { get; private set; }

    /// <summary>A source reading constant Ok values for every service and both tracks.</summary>
    public static ScriptedSliSource Constant(IReadOnlyList<string> services, double p95Ms, double errorRate, double rps) =>
        new(services, (service, track, _) => Ok(service, track, p95Ms, errorRate, rps));

    public static TrackReadings Ok(string service, string track, double p95Ms, double errorRate, double rps) =>
        new(service, track, SliReading.Ok(p95Ms), SliReading.Ok(errorRate), SliReading.Ok(rps));

    public Task<SliSnapshot> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Reads++;
        if (Throw)
        {
            throw new InvalidOperationException("scripted source failure");
        }

        var tracks = ImmutableArray.CreateBuilder<TrackReadings>();
        foreach (var service in services)
        {
            foreach (var track in new[] { SliTracks.Baseline, SliTracks.Canary })
            {
                tracks.Add(Status is { } status ? Broken(service, track, status) : script(service, track, now));
            }
        }

        return Task.FromResult(new SliSnapshot(now, tracks.ToImmutable()));
    }

    /// <summary>Readings of one (service, track) that all have <paramref name="status"/>.</summary>
    public static TrackReadings Broken(string service, string track, SliStatus status)
    {
        var reading = status switch
        {
            SliStatus.Missing => SliReading.Missing("scripted: no series"),
            SliStatus.Stale => SliReading.Stale("scripted: stale"),
            SliStatus.Invalid => SliReading.Invalid("scripted: NaN"),
            SliStatus.Error => SliReading.Error("scripted: query failed"),
            _ => throw new ArgumentOutOfRangeException(nameof(status), status, "a broken reading cannot be Ok"),
        };
        return new TrackReadings(service, track, reading, reading, reading);
    }
}

namespace Lumen.Core.Sli;

/// <summary>
/// The port the loop collects SLIs through (docs/configuration.md): one call per tick reads every SLI of every
/// service and track at once (a Prometheus source batches one query per SLI; the simulator reads its
/// model). Expected failures are readings (<see cref="SliStatus.Missing"/>, <c>Stale</c>,
/// <c>Invalid</c>, <c>Error</c>), never exceptions: a source that cannot reach its backend returns
/// Error readings with the reason.
/// </summary>
public interface ISliSource
{
    /// <summary>Reads the interval ending at <paramref name="now"/> for every configured (service, track).</summary>
    Task<SliSnapshot> ReadAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

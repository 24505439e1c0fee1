using Lumen.Core.Adjustments;
using Lumen.Core.Coordination;
using Lumen.Core.Leases;
using Lumen.Core.Ledger;
using Lumen.Core.Publishing;
using Lumen.Core.Sli;
using Lumen.Core.State;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The loop's ports: where SLIs come from, where knobs are set, where the ledger, metrics and state
/// files go, and the clock. The composition root (CLI) fills them with adapters; tests with fakes.
/// </summary>
/// <param name="CanaryExecutors">Per service: the executor of its canary track (tuning happens only there).</param>
/// <param name="BaselineExecutors">Per service: the baseline's executor, read for the observation only; may be empty.</param>
public sealed record LoopPorts(
    ISliSource Sli,
    IReadOnlyDictionary<string, IExecutor> CanaryExecutors,
    IReadOnlyDictionary<string, IExecutor> BaselineExecutors,
    ILedgerStore Ledger,
    IMetricsSink Metrics,
    IStateFiles StateFiles,
    TimeProvider Time)
{
    /// <summary>
    /// Which services this replica may act on (docs/scale-out.md). Default: this process holds them
    /// all (<c>coordination: local</c>).
    /// </summary>
    public IServiceCoordinator Coordinator { get; init; } = new LocalCoordinator(LocalCoordinator.KindName);

    /// <summary>
    /// Per service: the lease on its canary target (docs/reliability.md). A service listed here is acted
    /// on only while the loop holds its lease; one not listed is acted on without a lease. Default none.
    /// </summary>
    public IReadOnlyDictionary<string, LeasedTarget> Leases { get; init; } = new Dictionary<string, LeasedTarget>(StringComparer.Ordinal);
}

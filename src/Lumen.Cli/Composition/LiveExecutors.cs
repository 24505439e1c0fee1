using System.Collections.Immutable;
using Lumen.Core.Adjustments;
using Lumen.Core.Leases;

namespace Lumen.Cli.Composition;

/// <summary>Every service's executors, in <c>services.yaml</c>'s order (canary, then baseline, per service).</summary>
internal sealed record LiveExecutors(ImmutableArray<LiveExecutor> All)
{
    /// <summary>The executors built on <paramref name="track"/>, by service.</summary>
    public Dictionary<string, IExecutor> On(string track)
    {
        var byService = new Dictionary<string, IExecutor>(StringComparer.Ordinal);
        foreach (var e in All.Where(e => e.Track == track && e.Executor is not null))
        {
            byService[e.Service.Name] = e.Executor!;
        }

        return byService;
    }

    /// <summary>The leased canary targets, by service.</summary>
    public Dictionary<string, LeasedTarget> Leases()
    {
        var byService = new Dictionary<string, LeasedTarget>(StringComparer.Ordinal);
        foreach (var e in All.Where(e => e.Lease is not null))
        {
            byService[e.Service.Name] = e.Lease!;
        }

        return byService;
    }

    /// <summary>Why an executor could not be built (a missing token, a bad kind), one line each.</summary>
    public IEnumerable<string> Errors => All.Where(e => e.Error is not null).Select(e => e.Error!);
}

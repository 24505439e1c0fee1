using Lumen.Adapters.Config;
using Lumen.Adapters.Executors;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Adjustments;
using Lumen.Core.Leases;
using Lumen.Core.Policy;

namespace Lumen.Cli.Hosting;

/// <summary>
/// <c>lumen run</c> started on a full disk (docs/reliability.md): nothing can be ledgered, but what is due
/// is still restored. The ledger is only read; each open adjustment past its TTL (or with a restore
/// pending) is restored by compare-and-set under the target's lease. No entry is written: the next
/// start with free space finds <c>from</c> in place and writes the restore's entry then.
/// </summary>
internal static class DiskFullStart
{
    /// <summary>Restores what is due; returns one line per adjustment it looked at.</summary>
    public static async Task<IReadOnlyList<string>> RestoreDueAsync(LumenSettings settings, IEnvironmentVariables env, string stateDir,
        string holder, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var lines = new List<string>();
        var ledgerPath = Path.Combine(stateDir, FileLedgerStoreOptions.DefaultFileName);
        if (!File.Exists(ledgerPath))
        {
            return lines;
        }

        var book = AdjustmentBook.Empty.ApplyAll(LedgerFileReader.Read(ledgerPath).Where(l => l.Entry is not null).Select(l => l.Entry!));
        var now = time.GetUtcNow();
        using var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var factory = new ExecutorFactory(http, time);
        var secrets = new SecretReader(env);
        foreach (var adjustment in book.Open.Values.Where(a => a.RestoreDue(now)))
        {
            var intent = adjustment.Intent;
            if (settings.Config.Services.Services.FirstOrDefault(s => s.Name == intent.Service) is not { } service)
            {
                lines.Add($"{intent.Id}: {intent.Service} is no longer configured; not restored");
                continue;
            }

            var lease = ExecutorSpecs.Lease(service.Executors.Canary, secrets, http, time);
            var fence = new FencingToken();
            if (lease is not null)
            {
                var outcome = await lease.AcquireAsync(holder, TimeSpan.FromSeconds(30), null, cancellationToken).ConfigureAwait(false);
                if (outcome.Status == LeaseStatus.Held || outcome.Status == LeaseStatus.Error)
                {
                    lines.Add($"{intent.Id}: {intent.Service}/{intent.Knob} not restored: lease {(outcome.Lease is { } l ? "held by " + l.Holder : outcome.Reason)}");
                    continue;
                }

                fence.Value = outcome.Lease?.Token;
            }

            var (executor, error) = ExecutorSpecs.Create(factory, secrets, service.Name, Core.Sli.SliTracks.Canary, service.Executors.Canary, fence);
            if (executor is null)
            {
                lines.Add($"{intent.Id}: not restored: {error}");
                continue;
            }

            lines.Add($"{intent.Id}: {intent.Service}/{intent.Knob}: {await RestoreAsync(executor, adjustment, cancellationToken).ConfigureAwait(false)}");
        }

        return lines;
    }

    private static async Task<string> RestoreAsync(IExecutor executor, Adjustment adjustment, CancellationToken cancellationToken)
    {
        var intent = adjustment.Intent;
        var before = await executor.GetAsync(intent.Knob, cancellationToken).ConfigureAwait(false);
        if (!before.IsOk)
        {
            return $"not restored: reading it failed ({before.Reason})";
        }

        if (Runtime.Loop.KnobValues.Same(before.Value, intent.From))
        {
            return $"already at {intent.From}";
        }

        var expected = adjustment.AppliedValue ?? intent.To;
        if (!Runtime.Loop.KnobValues.Same(before.Value, expected))
        {
            return $"left alone: holds {before.Value}, not the {expected} Lumen set (conflict)";
        }

        var set = await executor.SetAsync(intent.Knob, intent.From, cancellationToken).ConfigureAwait(false);
        var read = await executor.GetAsync(intent.Knob, cancellationToken).ConfigureAwait(false);
        return read.IsOk && Runtime.Loop.KnobValues.Same(read.Value, intent.From)
            ? $"restored to {intent.From} (not ledgered: the next start with free space writes it)"
            : $"restore failed: {(set.IsOk ? read.IsOk ? $"read back {read.Value}" : read.Reason : set.Reason)}";
    }
}

using Lumen.Adapters.LedgerStore;
using Lumen.Cli.Commands.Approvals;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;

namespace Lumen.Cli.Commands.Canary;

/// <summary>
/// The ledger a promotion or canary rollback writes, opened only when the workflow first needs it
/// (a dry run or a refused report opens nothing, so it writes no <c>ledger.opened</c>), closed with the command.
/// </summary>
internal sealed class LazyLedger(IEnvironmentVariables env, string? ledgerFile, string actor, TimeProvider time) : IAsyncDisposable
{
    private FileLedgerStore? _store;

    public async Task<ILedgerStore> OpenAsync(CancellationToken cancellationToken) =>
        _store ??= await CliApprovals.OpenAsync(env, ledgerFile, actor, time, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }
}

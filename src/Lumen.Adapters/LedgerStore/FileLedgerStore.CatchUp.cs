using System.Runtime.CompilerServices;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>Following other writers: entries appended to the file after this store's last batch.</summary>
public sealed partial class FileLedgerStore
{
    private string _catchUpFailure = "";

    /// <summary>A cheap size check (one stat) and, when the file grew, a catch-up with its complete lines.</summary>
    private void CatchUpIfGrown()
    {
        if (_fault is not null || _disposed != 0)
        {
            return;
        }

        long length;
        try
        {
            length = new FileInfo(_options.LedgerPath).Length;
        }
        catch (IOException)
        {
            return;
        }

        if (length > Volatile.Read(ref _durableLength))
        {
            lock (_sync)
            {
                CatchUp(underLock: false);
            }
        }
    }

    /// <summary>
    /// Verifies and adopts the entries between this store's end and the file's end, continuing the
    /// chain from this store's head. Without the lock an unterminated last line is another writer's
    /// batch in flight and is left for later; under the lock it can only be a writer that crashed
    /// mid-write, which is a fault (opening the ledger again repairs it). Call under <see cref="_sync"/>.
    /// </summary>
    private bool CatchUp(bool underLock)
    {
        var start = _durableLength;
        using var stream = new FileStream(_options.LedgerPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, bufferSize: 0);
        if (stream.Length <= start)
        {
            return true;
        }

        stream.Seek(start, SeekOrigin.Begin);
        using var verifier = new LedgerChainVerifier();
        verifier.ContinueFrom(_head.Value);
        var adopted = start;
        foreach (var line in LedgerLineReader.Read(stream))
        {
            if (!line.Terminated)
            {
                if (underLock)
                {
                    _catchUpFailure = $"{_options.LedgerPath}: an unterminated line at byte {start + line.Offset} (a writer crashed mid-write)";
                    return false;
                }

                break;
            }

            if (!verifier.TryAccept(line.Content, terminated: true))
            {
                _catchUpFailure = $"{_options.LedgerPath}: after seq {verifier.LastSeq}: {verifier.Failure}";
                return false;
            }

            adopted = start + line.Offset + line.Content.Length + 1;
        }

        if (adopted > start)
        {
            Volatile.Write(ref _head, new StrongBox<LedgerPosition>(new LedgerPosition(verifier.LastSeq, verifier.LastHash)));
            Volatile.Write(ref _durableLength, adopted);
        }

        return true;
    }
}

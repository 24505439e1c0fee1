using System.Globalization;
using System.Security.Cryptography;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>Opening and recovery: verify the whole file, repair a torn tail, refuse anything else.</summary>
public sealed partial class FileLedgerStore
{
    /// <summary>
    /// Opens (or creates) the ledger as one of its writers (others may append between this store's
    /// batches; each batch takes <see cref="LedgerWriterLock"/> and first reads what they appended). The whole chain is verified against the
    /// head checkpoint. A torn last line is truncated, its bytes kept in
    /// <c>proof_ledger.jsonl.torn-SEQ-UTC</c>, and a <c>ledger.repaired</c> entry appended; any
    /// other failure throws <see cref="LedgerCorruptException"/> naming the line. Then a
    /// <c>ledger.opened</c> entry is appended. Entry times come from <paramref name="time"/> (the
    /// composition root's clock).
    /// </summary>
    public static Task<FileLedgerStore> OpenAsync(FileLedgerStoreOptions options, TimeProvider time,
        CancellationToken cancellationToken = default) =>
        OpenAsync(options, time,
            options?.Durability == LedgerDurability.Deferred ? DeferredIo.Instance : DurableIo.Instance, cancellationToken);

    /// <summary>As <see cref="OpenAsync(FileLedgerStoreOptions, TimeProvider, CancellationToken)"/>, writing through <paramref name="io"/> (fault injection in tests and the crash harness).</summary>
    public static async Task<FileLedgerStore> OpenAsync(FileLedgerStoreOptions options, TimeProvider time, IDurableIo io,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        cancellationToken.ThrowIfCancellationRequested();
        var path = Path.GetFullPath(options.LedgerPath);
        options = options with { LedgerPath = path, HeadPath = Path.GetFullPath(options.ResolvedHeadPath) };
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            io.SyncDirectory(Path.GetDirectoryName(directory) ?? directory);
        }

        var signingKey = options.SigningKeyPath is null ? null : LedgerKeys.LoadPrivateKey(options.SigningKeyPath);
        FileStream? lockFile = null;
        FileStream? file = null;
        try
        {
            lockFile = LedgerWriterLock.Acquire(path, time);
            var checkpoint = ReadCheckpoint(options, signingKey);
            var created = !File.Exists(path);
            file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
            if (created)
            {
                io.SyncDirectory(directory);
            }

            var scan = LedgerScan.Run(file, checkpoint);
            var repair = scan.Failure is null ? (System.Text.Json.JsonElement?)null : Repair(path, file, scan, checkpoint, time, io);
            file.Seek(0, SeekOrigin.End);
            var store = new FileLedgerStore(options, time, io, file, signingKey, scan.Last, checkpoint?.Seq ?? 0);
            (file, signingKey) = (null, null);
            lockFile.Dispose();
            lockFile = null;
            try
            {
                if (repair is not null)
                {
                    await store.AppendAsync(new LedgerDraft(LedgerKinds.LedgerRepaired, null, null, options.Actor, repair.Value),
                        CancellationToken.None).ConfigureAwait(false);
                }

                await store.AppendAsync(new LedgerDraft(LedgerKinds.LedgerOpened, null, null, options.Actor,
                    LedgerData.From(new { created, entries = scan.Entries, pid = Environment.ProcessId })),
                    CancellationToken.None).ConfigureAwait(false);
                return store;
            }
            catch
            {
                await store.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
        finally
        {
            file?.Dispose();
            lockFile?.Dispose();
            signingKey?.Dispose();
        }
    }

    private static LedgerCheckpoint? ReadCheckpoint(FileLedgerStoreOptions options, ECDsa? signingKey)
    {
        var headPath = options.ResolvedHeadPath;
        if (!LedgerHeadFile.TryRead(headPath, out var checkpoint, out var error))
        {
            throw new LedgerCorruptException(headPath, new LedgerVerifyFailure(0, LedgerFaultKind.BadCheckpoint, error!));
        }

        // An unsigned head is accepted (a key may just have been configured); a wrong signature is not.
        if (checkpoint?.Signature is not null && signingKey is not null && !LedgerCheckpointSigner.Verify(checkpoint, signingKey))
        {
            throw new LedgerCorruptException(headPath, new LedgerVerifyFailure(0, LedgerFaultKind.BadCheckpoint,
                "the head checkpoint's signature does not verify with the ledger key"));
        }

        return checkpoint;
    }

    /// <summary>Truncates a torn tail, keeping its bytes in a fragment file; returns the data for <c>ledger.repaired</c>.</summary>
    private static System.Text.Json.JsonElement Repair(string path, FileStream file, LedgerScan scan, LedgerCheckpoint? checkpoint,
        TimeProvider time, IDurableIo io)
    {
        if (!scan.IsRepairableTornTail)
        {
            throw new LedgerCorruptException(path, scan.Failure!);
        }

        // The torn line was never acknowledged, so the checkpoint cannot be past the valid prefix.
        if (checkpoint is not null && checkpoint.Seq > scan.Last.Seq)
        {
            throw new LedgerCorruptException(path, new LedgerVerifyFailure(scan.Failure!.Line, LedgerFaultKind.Truncated,
                $"the ledger's valid entries end at seq {scan.Last.Seq} but the head checkpoint says seq {checkpoint.Seq}"));
        }

        var fragmentLength = file.Length - scan.ValidLength;
        var fragment = new byte[fragmentLength];
        file.Seek(scan.ValidLength, SeekOrigin.Begin);
        file.ReadExactly(fragment);
        var stamp = LedgerTime.Normalize(time.GetUtcNow()).ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture);
        var fragmentPath = $"{path}.torn-{scan.Last.Seq + 1}-{stamp}";
        using (var copy = new FileStream(fragmentPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
        {
            io.WriteDurably(copy, fragment);
        }

        io.Truncate(file, scan.ValidLength);
        io.SyncDirectory(Path.GetDirectoryName(path)!);
        return LedgerData.From(new
        {
            line = scan.Failure!.Line,
            offset = scan.ValidLength,
            bytes = fragmentLength,
            reason = scan.Failure.Reason,
            fragment_file = Path.GetFileName(fragmentPath),
            fragment_sha256 = LedgerHash.Sha256Hex(fragment),
        });
    }
}

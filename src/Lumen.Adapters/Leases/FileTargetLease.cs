using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.Adapters.FileSystem;
using Lumen.Core.Leases;

namespace Lumen.Adapters.Leases;

/// <summary>
/// The lease of a <c>file</c> target (docs/executors.md, "Leases"): <c>TARGET.lumen-lease</c> beside the
/// target file, replaced atomically (temp file, fsync, rename) while an exclusive advisory lock on
/// <c>TARGET.lumen-lease.lock</c> is held, so acquire is a compare-and-set between processes on one
/// host or one shared filesystem with working locks. The file also keeps the highest token ever issued
/// (<c>last_token</c>), so a released lease never lets a token repeat. The file executor checks the
/// token in this file before each write (<see cref="IsFenced"/>).
/// </summary>
public sealed class FileTargetLease : ITargetLease
{
    public const string Suffix = ".lumen-lease";

    private static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(5);
    private readonly TimeProvider _time;

    /// <param name="targetPath">The file the executor edits.</param>
    /// <param name="time">The clock of expiries (the loop's).</param>
    public FileTargetLease(string targetPath, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(targetPath);
        ArgumentNullException.ThrowIfNull(time);
        Location = Path.GetFullPath(targetPath) + Suffix;
        _time = time;
    }

    public string Kind => "file";

    public string Location { get; }

    public Task<LeaseOutcome> AcquireAsync(string holder, TimeSpan ttl, long? token, CancellationToken cancellationToken) =>
        Task.FromResult(Locked(() =>
        {
            var (current, last) = Read(Location);
            var outcome = LeaseRules.Acquire(current, last, holder, ttl, token, _time.GetUtcNow());
            if (outcome.Status == LeaseStatus.Granted && outcome.Lease != current)
            {
                Write(outcome.Lease!, Math.Max(last, outcome.Lease!.Token));
            }

            return outcome;
        }));

    public Task<LeaseOutcome> ReleaseAsync(string holder, long token, CancellationToken cancellationToken) =>
        Task.FromResult(Locked(() =>
        {
            var (current, last) = Read(Location);
            var (next, outcome) = LeaseRules.Release(current, holder, token, _time.GetUtcNow());
            if (next is not null && next != current)
            {
                Write(next, last);
            }

            return outcome;
        }));

    /// <summary>
    /// The file executor's fence: the reason a write with <paramref name="token"/> must be refused (the
    /// lease file names a newer token), or null when it may go ahead.
    /// </summary>
    public static string? IsFenced(string targetPath, long token)
    {
        var path = Path.GetFullPath(targetPath) + Suffix;
        var (current, _) = Read(path);
        return LeaseRules.IsStale(current, token)
            ? $"fenced: the lease {path} is held by {current!.Holder} with token {current.Token}, newer than this writer's {token}"
            : null;
    }

    private static (TargetLease? Lease, long LastToken) Read(string path)
    {
        if (!File.Exists(path))
        {
            return (null, 0);
        }

        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var lease = LeaseJson.TryRead(doc.RootElement)
            ?? throw new InvalidDataException($"{path} is not a lease (holder, token, acquired_at, expires_at)");
        var last = doc.RootElement.TryGetProperty("last_token", out var l) && l.TryGetInt64(out var v) ? v : lease.Token;
        return (lease, Math.Max(last, lease.Token));
    }

    private void Write(TargetLease lease, long lastToken)
    {
        JsonObject json = LeaseJson.ToJson(lease);
        json["last_token"] = lastToken;
        AtomicFile.Write(Location, json.ToJsonString() + "\n");
    }

    private LeaseOutcome Locked(Func<LeaseOutcome> action)
    {
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var gate = new FileStream(Location + ".lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                return action();
            }
            catch (Exception e) when (e is IOException && !DiskFull.IsDiskFull(e) && stopwatch.Elapsed < LockTimeout && IsLockBusy(e))
            {
                // another controller is between its read and its write: retry shortly
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or JsonException)
            {
                return LeaseOutcome.Failed($"{Location}: {e.Message}");
            }

            Thread.Sleep(5);
        }
    }

    private static bool IsLockBusy(Exception e) =>
        e.Message.Contains("being used by another process", StringComparison.OrdinalIgnoreCase)
        || e.Message.Contains("locked", StringComparison.OrdinalIgnoreCase);
}

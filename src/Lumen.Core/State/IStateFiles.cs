namespace Lumen.Core.State;

/// <summary>
/// The port to the state directory's small files (the adjustment snapshot, saved models). Names are
/// relative paths inside the state directory (<c>models/linucb.json</c>). A write replaces the file
/// atomically and durably (temp file, fsync, rename, directory fsync), so after a crash a reader
/// finds the old content or the new, never a mix.
/// </summary>
public interface IStateFiles
{
    /// <summary>The file's text, or null when it does not exist.</summary>
    Task<string?> ReadAsync(string name, CancellationToken cancellationToken);

    /// <summary>Replaces the file's content atomically, creating directories as needed.</summary>
    Task WriteAsync(string name, string content, CancellationToken cancellationToken);
}

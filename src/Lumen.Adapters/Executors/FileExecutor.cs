using System.Text;
using Lumen.Adapters.FileSystem;
using Lumen.Adapters.Processes;
using Lumen.Core.Adjustments;

namespace Lumen.Adapters.Executors;

/// <summary>
/// Sets a knob by rewriting one key of a YAML, JSON or .env file atomically (temp file in the same
/// directory, fsync, rename, directory fsync), then running the optional reload command.
/// Reading back parses the file.
/// </summary>
/// <remarks>
/// The reload command runs after every set, even when the file already held the value: a crash
/// between the write and the reload would otherwise leave a file that says "applied" while the
/// service never loaded it. If the reload fails, the previous file content is put back (atomically)
/// and the set is reported as failed: the service most likely still runs the old configuration,
/// and a later reload by anyone must not silently apply a change Lumen recorded as failed.
/// </remarks>
public sealed class FileExecutor : IExecutor
{
    public const string KindName = "file";

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    private readonly FileExecutorOptions _options;
    private readonly IConfigFileEditor _editor;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    public FileExecutor(FileExecutorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Path);
        _options = options;
        _editor = options.Format switch
        {
            ConfigFileFormat.Env => EnvFileEditor.Instance,
            ConfigFileFormat.Json => JsonFileEditor.Instance,
            ConfigFileFormat.Yaml => YamlFileEditor.Instance,
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Format, "unknown file format"),
        };
    }

    public string Kind => KindName;

    public async Task<ExecutorResult> GetAsync(string knob, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(knob);
        var (content, failure) = await ReadAsync(cancellationToken).ConfigureAwait(false);
        return content is null ? failure! : Prefix(_editor.Read(content.Text, _options.KeyFor(knob)));
    }

    /// <summary>One read of the file for every knob.</summary>
    public async Task<IReadOnlyDictionary<string, ExecutorResult>> GetAllAsync(IReadOnlyList<string> knobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knobs);
        var (content, failure) = await ReadAsync(cancellationToken).ConfigureAwait(false);
        var results = new Dictionary<string, ExecutorResult>(StringComparer.Ordinal);
        foreach (var knob in knobs)
        {
            results[knob] = content is null ? failure! : Prefix(_editor.Read(content.Text, _options.KeyFor(knob)));
        }

        return results;
    }

    public async Task<ExecutorResult> SetAsync(string knob, double value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(knob);
        if (!double.IsFinite(value))
        {
            return ExecutorResult.Failed($"refusing non-finite value for {knob}", transient: false);
        }

        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await SetLockedAsync(_options.KeyFor(knob), value, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task<ExecutorResult> SetLockedAsync(string key, double value, CancellationToken cancellationToken)
    {
        var (before, failure) = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (before is null)
        {
            return failure!;
        }

        if (_options.Fence?.Value is { } fence && Leases.FileTargetLease.IsFenced(_options.Path, fence) is { } fenced)
        {
            return ExecutorResult.Failed(fenced, transient: false);
        }

        var edit = _editor.Write(before.Text, key, value);
        if (edit.NewText is null)
        {
            return ExecutorResult.Failed($"{_options.Path}: {edit.Error}", transient: false);
        }

        if (!string.Equals(edit.NewText, before.Text, StringComparison.Ordinal))
        {
            var written = await WriteAsync(Encode(edit.NewText, before.HasBom), cancellationToken).ConfigureAwait(false);
            if (written is not null)
            {
                return written;
            }
        }

        string? reloadOutput = null;
        if (_options.HasReloadCommand)
        {
            var reload = await ProcessRunner.RunAsync(_options.ReloadCommand, _options.EffectiveReloadTimeout, null, cancellationToken)
                .ConfigureAwait(false);
            reloadOutput = reload.Describe();
            if (!reload.Succeeded)
            {
                var restored = await WriteAsync(before.Bytes, CancellationToken.None).ConfigureAwait(false);
                var what = restored is null ? "previous content restored" : $"restoring the previous content failed too: {restored.Reason}";
                return ExecutorResult.Failed(
                    $"{_options.Path}: reload command {reloadOutput}; {what}", transient: reload.TimedOut, detail: reloadOutput);
            }
        }

        var (after, readFailure) = await ReadAsync(cancellationToken).ConfigureAwait(false);
        if (after is null)
        {
            return readFailure!;
        }

        var readBack = Prefix(_editor.Read(after.Text, key));
        return readBack.IsOk ? ExecutorResult.Ok(readBack.Value, reloadOutput) : readBack;
    }

    private async Task<(FileContent? Content, ExecutorResult? Failure)> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(_options.Path, cancellationToken).ConfigureAwait(false);
            var hasBom = bytes.AsSpan().StartsWith(Utf8Bom);
            var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(hasBom ? bytes[Utf8Bom.Length..] : bytes);
            return (new FileContent(bytes, text, hasBom), null);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, ExecutorResult.Failed($"{_options.Path} does not exist", transient: false));
        }
        catch (DecoderFallbackException)
        {
            return (null, ExecutorResult.Failed($"{_options.Path} is not UTF-8 text", transient: false));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, ExecutorResult.Failed($"{_options.Path} could not be read: {ex.Message}", transient: ex is IOException));
        }
    }

    private async Task<ExecutorResult?> WriteAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        try
        {
            await AtomicFile.WriteAllBytesAsync(_options.Path, bytes, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ExecutorResult.Failed($"{_options.Path} could not be written: {ex.Message}", transient: ex is IOException);
        }
    }

    private ExecutorResult Prefix(ExecutorResult result) =>
        result.IsOk ? result : ExecutorResult.Failed($"{_options.Path}: {result.Reason}", result.Transient, result.Detail);

    private static byte[] Encode(string text, bool withBom)
    {
        var body = Encoding.UTF8.GetBytes(text);
        return withBom ? [.. Utf8Bom, .. body] : body;
    }

    private sealed record FileContent(byte[] Bytes, string Text, bool HasBom);
}

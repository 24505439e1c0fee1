namespace Lumen.Core.Adjustments;

/// <summary>
/// Sets and reads the knobs of one service's track (docs/loop.md). One instance per (service, track):
/// the instance already knows its target (URL, file, script), so a call names only the knob.
/// </summary>
/// <remarks>
/// Expected failures (target down, timeout, bad answer) are returned as
/// <see cref="ExecutorResult.Failed"/>, never thrown. Cancellation by the caller's token is not a
/// failure of the target and surfaces as <see cref="OperationCanceledException"/>.
/// The loop trusts <see cref="GetAsync"/>, not what it asked <see cref="SetAsync"/> to write.
/// </remarks>
public interface IExecutor
{
    /// <summary>The kind name used in config (<c>sim</c>, <c>http</c>, <c>file</c>, <c>command</c>, ...).</summary>
    string Kind { get; }

    /// <summary>Sets <paramref name="knob"/> to <paramref name="value"/>; Ok carries the value the target accepted.</summary>
    Task<ExecutorResult> SetAsync(string knob, double value, CancellationToken cancellationToken);

    /// <summary>
    /// Sets <paramref name="knob"/> to <paramref name="value"/> only while it still holds
    /// <paramref name="expected"/>, where the target can check that in the same call (the http executor
    /// sends <c>Lumen-Expected: knob=value</c>; a target that answers 412 makes it a
    /// <see cref="ExecutorResult.Conflicted"/> result). The default cannot check and simply sets: the loop
    /// has read the knob just before, and the read and the write are then two calls.
    /// </summary>
    Task<ExecutorResult> SetIfAsync(string knob, double expected, double value, CancellationToken cancellationToken) =>
        SetAsync(knob, value, cancellationToken);

    /// <summary>Reads the knob's current value from the target.</summary>
    Task<ExecutorResult> GetAsync(string knob, CancellationToken cancellationToken);

    /// <summary>
    /// Reads several knobs at once, one result per knob name. The default reads them one by one; an
    /// executor whose target returns the whole configuration in one answer (<c>http</c>, <c>file</c>)
    /// overrides it with one read, so a tick reads each target once.
    /// </summary>
    async Task<IReadOnlyDictionary<string, ExecutorResult>> GetAllAsync(IReadOnlyList<string> knobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knobs);
        var results = new Dictionary<string, ExecutorResult>(StringComparer.Ordinal);
        foreach (var knob in knobs)
        {
            results[knob] = await GetAsync(knob, cancellationToken).ConfigureAwait(false);
        }

        return results;
    }
}

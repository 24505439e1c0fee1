namespace Lumen.Core.Adjustments;

/// <summary>How an injected fault shows itself on an <see cref="InMemoryExecutor"/>.</summary>
public enum InMemoryFaultMode
{
    /// <summary>The call fails and nothing changes (target unreachable).</summary>
    FailBeforeWrite,

    /// <summary>
    /// A set changes the value but reports failure, like a timeout after the target applied it.
    /// This is the case the reconcile step exists for: only a read-back tells the truth.
    /// </summary>
    FailAfterWrite,

    /// <summary>
    /// Another writer sets the knob to the fault's <c>RacingValue</c> just before this set reaches the
    /// target (between Lumen's read and its write). A plain set then overwrites it; a conditional set
    /// (<see cref="IExecutor.SetIfAsync"/>) finds the other value and is refused as a conflict.
    /// </summary>
    RacingWrite,
}

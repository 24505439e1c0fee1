namespace Lumen.Core.Adjustments;

/// <summary>
/// Where an adjustment stands (docs/loop.md, docs/loop.md has the diagram). Only the open states are
/// kept in an <see cref="AdjustmentBook"/>; the terminal ones are counted.
/// </summary>
public enum AdjustmentState
{
    /// <summary>Written to the ledger; the executor may or may not have run. The next tick reconciles it.</summary>
    Intent,

    /// <summary>Read back at its new value; rolled back when it expires (or by the brake).</summary>
    Applied,

    /// <summary>The apply failed and the target holds neither <c>from</c> nor <c>to</c>: <c>from</c> is restored.</summary>
    FailedNeedsRestore,
}

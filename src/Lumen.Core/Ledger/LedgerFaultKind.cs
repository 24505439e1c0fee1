namespace Lumen.Core.Ledger;

/// <summary>Why a ledger line (or the ledger as a whole) failed verification.</summary>
public enum LedgerFaultKind
{
    /// <summary>The line is not a JSON object with the nine entry fields of the right types.</summary>
    BadJson,

    /// <summary>The line parses but is not byte-for-byte in canonical form.</summary>
    NotCanonical,

    /// <summary>The stored hash is not the SHA-256 of the entry's canonical form without hash.</summary>
    BadHash,

    /// <summary><c>prev</c> is not the previous entry's hash.</summary>
    BrokenPrev,

    /// <summary><c>seq</c> is not one more than the previous entry's (a line was deleted, swapped or duplicated).</summary>
    SeqGap,

    /// <summary>The last line has no newline: a torn write (the store repairs this on open).</summary>
    TornLine,

    /// <summary>The entry at the head checkpoint's seq has a different hash.</summary>
    HeadMismatch,

    /// <summary>The ledger ends before the head checkpoint's seq: entries were cut from the end.</summary>
    Truncated,

    /// <summary>The head checkpoint is unreadable, unsigned when a key is given, or its signature is wrong.</summary>
    BadCheckpoint,
}

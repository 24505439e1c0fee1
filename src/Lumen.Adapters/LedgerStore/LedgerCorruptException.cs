using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// The ledger cannot be opened: a line other than the last is bad, or the head checkpoint does
/// not match. This is corruption or tampering; the store refuses to start rather than guess.
/// </summary>
public sealed class LedgerCorruptException : Exception
{
    public LedgerCorruptException(string path, LedgerVerifyFailure failure)
        : base($"{path}: {failure}. Refusing to open the ledger; check it with `lumen ledger verify {path}`.")
    {
        Path = path;
        Failure = failure;
    }

    public LedgerCorruptException()
    {
    }

    public LedgerCorruptException(string message)
        : base(message)
    {
    }

    public LedgerCorruptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The ledger file.</summary>
    public string Path { get; } = "";

    /// <summary>The first bad line and why.</summary>
    public LedgerVerifyFailure? Failure { get; }
}

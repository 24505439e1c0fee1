using System.Text;
using Lumen.Core.Ledger;

namespace Lumen.Adapters.LedgerStore;

/// <summary>
/// Reads a ledger file for people (<c>lumen ledger tail/show</c>): each line's number, raw text
/// and parsed entry (null when unparsable). It does not verify; that is <see cref="LedgerFileVerifier"/>.
/// </summary>
public static class LedgerFileReader
{
    /// <summary>One line of the file.</summary>
    public sealed record Line(long Number, string Text, LedgerEntry? Entry);

    /// <summary>Streams the lines of the file (shared read, so a running writer is fine).</summary>
    public static IEnumerable<Line> Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete,
            bufferSize: 0);
        foreach (var line in LedgerLineReader.Read(stream))
        {
            LedgerEntryParser.TryParse(line.Content, out var entry, out _);
            yield return new Line(line.Number, Encoding.UTF8.GetString(line.Content.Span), entry);
        }
    }
}

using System.Text;
using Lumen.Core.Ledger;

namespace Lumen.Reports.Ledger;

/// <summary>
/// Reads every entry of a ledger file for reporting. It does not check the chain (the report runs
/// the verifier separately and shows its verdict); a line that does not parse stops the read with
/// its line number, because a report over half a ledger would mislead.
/// </summary>
public static class LedgerEntryFile
{
    public static LedgerReadResult Read(string path)
    {
        if (!File.Exists(path))
        {
            return LedgerReadResult.Fail($"{path}: no such ledger file");
        }

        var entries = new List<LedgerEntry>();
        var number = 0L;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, true));
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            if (!LedgerEntryParser.TryParse(Encoding.UTF8.GetBytes(line), out var entry, out var error))
            {
                return LedgerReadResult.Fail($"{path}:{number}: {error}");
            }

            entries.Add(entry!);
        }

        return LedgerReadResult.Ok(entries);
    }
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lumen.Adapters.Release;

/// <summary>Reads and writes <c>SHA256SUMS</c> exactly as <c>sha256sum</c> writes it and
/// <c>sha256sum -c</c> reads it: one <c>64-hex␠␠name</c> line per file, names without directories.</summary>
public static class Sha256Sums
{
    /// <summary>The lowercase hex SHA-256 of a file.</summary>
    public static string OfFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>The file's text for the given (name, hex) pairs, sorted by name.</summary>
    public static string Format(IEnumerable<KeyValuePair<string, string>> sums)
    {
        var text = new StringBuilder();
        foreach (var (name, hex) in sums.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            text.Append(CultureInfo.InvariantCulture, $"{hex}  {name}\n");
        }

        return text.ToString();
    }

    /// <summary>Parses the file's text; on a malformed line returns false with the line number and
    /// what was expected.</summary>
    public static bool TryParse(string text, out IReadOnlyDictionary<string, string> sums, out string? error)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        sums = result;
        error = null;
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.Length == 0 && i == lines.Length - 1)
            {
                break;
            }

            var lineNo = i + 1;
            if (line.Length < 67 || line[64] != ' ' || (line[65] != ' ' && line[65] != '*') || !IsLowerHex(line.AsSpan(0, 64)))
            {
                error = $"{ReleaseLayout.SumsFile}:{lineNo}: expected \"<64 lowercase hex digits>  <file name>\"";
                return false;
            }

            var name = line[66..];
            if (name.Contains('/', StringComparison.Ordinal) || name is "." or "..")
            {
                error = $"{ReleaseLayout.SumsFile}:{lineNo}: expected a file name without a directory, found \"{name}\"";
                return false;
            }

            if (!result.TryAdd(name, line[..64]))
            {
                error = $"{ReleaseLayout.SumsFile}:{lineNo}: \"{name}\" is listed twice";
                return false;
            }
        }

        return true;
    }

    private static bool IsLowerHex(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }
}

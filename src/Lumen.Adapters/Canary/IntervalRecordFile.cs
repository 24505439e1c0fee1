using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Lumen.Core.Canary;

namespace Lumen.Adapters.Canary;

/// <summary>
/// Reads an interval records file (JSON Lines, docs/canary-records.md). Blank lines are skipped;
/// every malformed line is reported as <c>path:line: message</c> (up to <see cref="MaxErrors"/>), and
/// the SHA-256 is of the exact bytes read, so a report names the evidence it was built from.
/// </summary>
public static class IntervalRecordFile
{
    public const int MaxErrors = 20;

    public static IntervalRecordFileResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new IntervalRecordFileResult([], null, [$"{path}: cannot read: {e.Message}"]);
        }

        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        return Parse(path, new UTF8Encoding(false, true), bytes, sha);
    }

    private static IntervalRecordFileResult Parse(string path, UTF8Encoding utf8, byte[] bytes, string sha)
    {
        string text;
        try
        {
            text = utf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new IntervalRecordFileResult([], null, [$"{path}: not UTF-8 text"]);
        }

        var records = ImmutableArray.CreateBuilder<IntervalRecord>();
        var errors = ImmutableArray.CreateBuilder<string>();
        var lineNumber = 0;
        foreach (var raw in text.Split('\n'))
        {
            lineNumber++;
            var line = raw.TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var parsed = IntervalRecordParser.Parse(line);
            if (parsed.IsOk)
            {
                records.Add(parsed.Record);
            }
            else if (errors.Count < MaxErrors)
            {
                errors.Add($"{path}:{lineNumber}: {parsed.Error}");
            }
        }

        if (errors.Count == 0 && records.Count == 0)
        {
            errors.Add($"{path}: no records (the file is empty)");
        }

        return errors.Count > 0 ? new IntervalRecordFileResult([], null, errors.ToImmutable()) : new IntervalRecordFileResult(records.ToImmutable(), sha, []);
    }
}

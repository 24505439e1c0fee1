using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using Lumen.Core.Canary;

namespace Lumen.Adapters.Canary;

/// <summary>
/// Reads an interval records file (JSON Lines, docs/canary-records.md). Blank lines are skipped;
/// every malformed line is reported as <c>path:line: message</c> (up to <see cref="MaxErrors"/>), and
/// the SHA-256 is of the exact bytes read, so a report names the evidence it was built from. The file is
/// streamed: a line longer than <see cref="IntervalRecordParser.MaxLineLength"/> bytes stops the read at
/// once (memory stays bounded by that length) and is reported by number only, never shown.
/// </summary>
public static class IntervalRecordFile
{
    public const int MaxErrors = 20;

    public static IntervalRecordFileResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
            return Read(path, stream);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            return new IntervalRecordFileResult([], null, [$"{path}: cannot read: {e.Message}"]);
        }
    }

    /// <summary>Reads records from <paramref name="stream"/>; <paramref name="path"/> names it in errors.</summary>
    internal static IntervalRecordFileResult Read(string path, Stream stream)
    {
        var utf8 = new UTF8Encoding(false, true);
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var records = ImmutableArray.CreateBuilder<IntervalRecord>();
        var errors = ImmutableArray.CreateBuilder<string>();
        var chunk = new byte[1 << 16];
        var line = new byte[IntervalRecordParser.MaxLineLength];
        int lineLength = 0, lineNumber = 1;
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            sha.AppendData(chunk, 0, read);
            var span = chunk.AsSpan(0, read);
            while (!span.IsEmpty)
            {
                var newline = span.IndexOf((byte)'\n');
                var piece = newline < 0 ? span : span[..newline];
                if (lineLength + piece.Length > line.Length)
                {
                    errors.Add($"{path}:{lineNumber}: expected a record line of at most {IntervalRecordParser.MaxLineLength} bytes, found a longer one (not shown); stopped reading");
                    return new IntervalRecordFileResult([], null, errors.ToImmutable());
                }

                piece.CopyTo(line.AsSpan(lineLength));
                lineLength += piece.Length;
                if (newline < 0)
                {
                    break;
                }

                Accept(path, utf8, line.AsSpan(0, lineLength), lineNumber, records, errors);
                lineLength = 0;
                lineNumber++;
                span = span[(newline + 1)..];
            }
        }

        Accept(path, utf8, line.AsSpan(0, lineLength), lineNumber, records, errors);
        if (errors.Count == 0 && records.Count == 0)
        {
            errors.Add($"{path}: no records (the file is empty)");
        }

        return errors.Count > 0
            ? new IntervalRecordFileResult([], null, errors.ToImmutable())
            : new IntervalRecordFileResult(records.ToImmutable(), Convert.ToHexStringLower(sha.GetHashAndReset()), []);
    }

    private static void Accept(string path, UTF8Encoding utf8, ReadOnlySpan<byte> bytes, int lineNumber,
        ImmutableArray<IntervalRecord>.Builder records, ImmutableArray<string>.Builder errors)
    {
        string text;
        try
        {
            text = utf8.GetString(bytes).TrimEnd('\r');
        }
        catch (DecoderFallbackException)
        {
            if (errors.Count < MaxErrors)
            {
                errors.Add($"{path}:{lineNumber}: not UTF-8 text");
            }

            return;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            return;
        }

        var parsed = IntervalRecordParser.Parse(text);
        if (parsed.IsOk)
        {
            records.Add(parsed.Record);
        }
        else if (errors.Count < MaxErrors)
        {
            errors.Add($"{path}:{lineNumber}: {parsed.Error}");
        }
    }
}

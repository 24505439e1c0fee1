using System.Collections.Immutable;
using System.Globalization;
using Lumen.Core.Sli;

namespace Lumen.Adapters.Traces;

/// <summary>
/// Reads a traffic trace: a CSV file with the header <c>timestamp,value</c> and one point per line, the
/// value taken as rps (the format of the Numenta Anomaly Benchmark's files).
/// </summary>
/// <remarks>
/// <para>Timestamps: <c>2014-07-01 00:00:00</c> (no offset: read as a wall clock at offset +00:00, so the
/// peak time of day is told on the trace's own clock) or RFC 3339 (<c>2014-07-01T00:00:00Z</c>,
/// <c>2014-07-01T02:00:00.5+02:00</c>).</para>
/// <para>Values: a finite number ≥ 0. An empty value or <c>NaN</c> is a gap (kept as NaN, which the
/// mapper skips); anything else (text, ±Inf, a negative number) is an error naming the line.
/// Blank lines are ignored.</para>
/// </remarks>
public static class TraceCsvReader
{
    private static readonly string[] TimestampFormats =
    [
        "yyyy-MM-dd HH:mm:ss",
        "yyyy-MM-dd HH:mm",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd'T'HH:mmK",
    ];

    /// <summary>Reads the file at <paramref name="path"/>. I/O failures are returned as errors, not thrown.</summary>
    public static TraceReadResult Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var reader = new StreamReader(path, detectEncodingFromByteOrderMarks: true);
            return Parse(reader, path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Fail(path, null, "file not found");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail(path, null, $"cannot read the file: {e.Message}");
        }
    }

    /// <summary>Parses a trace from <paramref name="reader"/>; <paramref name="file"/> names it in errors.</summary>
    public static TraceReadResult Parse(TextReader reader, string file)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var samples = ImmutableArray.CreateBuilder<SliSample>();
        bool headerSeen = false;
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            string[] fields = line.Split(',');
            if (!headerSeen)
            {
                if (fields.Length != 2
                    || !Field(fields[0]).Equals("timestamp", StringComparison.OrdinalIgnoreCase)
                    || !Field(fields[1]).Equals("value", StringComparison.OrdinalIgnoreCase))
                {
                    return Fail(file, lineNumber, $"expected the header 'timestamp,value', found '{Shorten(line)}'");
                }

                headerSeen = true;
                continue;
            }

            if (fields.Length != 2)
            {
                return Fail(file, lineNumber, $"expected 2 fields (timestamp,value), found {fields.Length}");
            }

            string stamp = Field(fields[0]);
            if (!TryParseTimestamp(stamp, out var timestamp))
            {
                return Fail(file, lineNumber, $"cannot read the timestamp '{Shorten(stamp)}' (expected e.g. 2014-07-01 00:00:00 or RFC 3339 2014-07-01T00:00:00Z)");
            }

            string text = Field(fields[1]);
            if (!TryParseValue(text, out double value, out string? problem))
            {
                return Fail(file, lineNumber, problem);
            }

            samples.Add(SliSample.FromRps(timestamp, value));
        }

        return !headerSeen ? Fail(file, null, "the file is empty (expected the header 'timestamp,value' and data lines)")
            : samples.Count == 0 ? Fail(file, null, "the file has a header but no data lines")
            : TraceReadResult.Ok(samples.ToImmutable());
    }

    private static bool TryParseTimestamp(string text, out DateTimeOffset timestamp) =>
        DateTimeOffset.TryParseExact(
            text.ToUpperInvariant(), // RFC 3339 allows a lower-case 't' and 'z'
            TimestampFormats,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal,
            out timestamp);

    private static bool TryParseValue(string text, out double value, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? problem)
    {
        problem = null;
        if (text.Length == 0 || text.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN; // a gap, on purpose
            return true;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) || !double.IsFinite(value))
        {
            problem = $"cannot read the value '{Shorten(text)}' as a finite number";
            return false;
        }

        if (value < 0)
        {
            problem = $"the value {text} is negative; a request rate cannot be";
            return false;
        }

        return true;
    }

    private static string Field(string raw) => raw.Trim().Trim('"').Trim();

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");

    private static TraceReadResult Fail(string file, int? line, string message) =>
        TraceReadResult.Failed(new TraceReadError(file, line, message));
}

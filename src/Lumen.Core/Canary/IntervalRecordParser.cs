using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using Lumen.Core.Rhythm;

namespace Lumen.Core.Canary;

/// <summary>
/// Parses one interval record line (docs/canary-records.md). Every rule of the format is checked
/// here, so a file reader only adds the line number. Unknown fields are ignored: exporters may add
/// labels of their own. Input is bounded: a line longer than <see cref="MaxLineLength"/> is refused
/// unparsed, and an error quotes at most <see cref="MaxShown"/> characters of a value.
/// </summary>
public static class IntervalRecordParser
{
    /// <summary>The longest record line accepted (64 KiB; a record with 30 latency buckets is under 2 KiB).</summary>
    public const int MaxLineLength = 64 * 1024;

    /// <summary>The longest service name accepted.</summary>
    public const int MaxServiceLength = 128;

    /// <summary>The most characters of a bad value an error message quotes.</summary>
    public const int MaxShown = 40;

    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 8 };

    public static IntervalRecordParse Parse(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        if (line.Length > MaxLineLength)
        {
            return IntervalRecordParse.Fail($"expected a record line of at most {MaxLineLength} characters, found a longer one (not shown)");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line, Options);
        }
        catch (JsonException e)
        {
            return IntervalRecordParse.Fail($"not valid JSON: {e.Message}");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    private static IntervalRecordParse Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return IntervalRecordParse.Fail($"expected a JSON object, found {Kind(root)}");
        }

        if (!TryString(root, "ts", out var tsText, out var error) || !TryTimestamp(tsText, out var ts, out error)
            || !TryString(root, "service", out var service, out error)
            || !TryString(root, "track", out var trackText, out error) || !TryTrack(trackText, out var track, out error)
            || !TryCount(root, "requests", out var requests, out error)
            || !TryCount(root, "errors", out var errors, out error))
        {
            return IntervalRecordParse.Fail(error);
        }

        if (service.Length == 0)
        {
            return IntervalRecordParse.Fail("service: must not be empty");
        }

        if (service.Length > MaxServiceLength)
        {
            return IntervalRecordParse.Fail($"service: expected at most {MaxServiceLength} characters, found {Quote(service)}");
        }

        if (errors > requests)
        {
            return IntervalRecordParse.Fail($"errors: {errors} is more than requests ({requests})");
        }

        if (!TryBuckets(root, requests, out var buckets, out error)
            || !TryPhase(root, out var phase, out error)
            || !TryCoherence(root, out var coherence, out error))
        {
            return IntervalRecordParse.Fail(error);
        }

        return IntervalRecordParse.Ok(new IntervalRecord(ts, service, track, requests, errors, buckets, phase, coherence));
    }

    private static bool TryString(JsonElement root, string name, out string value, out string error)
    {
        value = "";
        if (!root.TryGetProperty(name, out var element))
        {
            error = $"{name}: missing";
            return false;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            error = $"{name}: expected a string, found {Kind(element)}";
            return false;
        }

        value = element.GetString() ?? "";
        error = "";
        return true;
    }

    private static bool TryTimestamp(string text, out DateTimeOffset ts, out string error)
    {
        // RFC 3339 demands a date, a time and an explicit offset (Z or ±hh:mm); .NET alone would accept more.
        if (!IsRfc3339Shape(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out ts))
        {
            ts = default;
            error = $"ts: expected an RFC 3339 time such as 2026-01-01T00:00:30Z, found {Quote(text)}";
            return false;
        }

        error = "";
        return true;
    }

    private static bool TryTrack(string text, out CanaryTrack track, out string error)
    {
        error = "";
        switch (text)
        {
            case "baseline":
                track = CanaryTrack.Baseline;
                return true;
            case "canary":
                track = CanaryTrack.Canary;
                return true;
            default:
                track = default;
                error = $"track: expected baseline or canary, found {Quote(text)}";
                return false;
        }
    }

    private static bool TryCount(JsonElement root, string name, out long value, out string error)
    {
        value = 0;
        if (!root.TryGetProperty(name, out var element))
        {
            error = $"{name}: missing";
            return false;
        }

        return TryCountValue(element, name, out value, out error);
    }

    private static bool TryCountValue(JsonElement element, string name, out long value, out string error)
    {
        value = 0;
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetInt64(out value))
        {
            error = $"{name}: expected a whole number, found {Shown(element)}";
            return false;
        }

        if (value < 0)
        {
            error = $"{name}: must not be negative, found {value}";
            return false;
        }

        error = "";
        return true;
    }

    private static bool TryBuckets(JsonElement root, long requests, out ImmutableArray<LatencyBucket> buckets, out string error)
    {
        buckets = [];
        if (!root.TryGetProperty("latency_le", out var element))
        {
            error = "latency_le: missing";
            return false;
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            error = $"latency_le: expected an object of bound → cumulative count, found {Kind(element)}";
            return false;
        }

        var list = new List<(LatencyBucket Bucket, string Label)>();
        foreach (var property in element.EnumerateObject())
        {
            var label = property.Name;
            double bound;
            if (label == "+Inf")
            {
                bound = double.PositiveInfinity;
            }
            else if (!double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out bound) || !double.IsFinite(bound) || bound < 0)
            {
                error = $"latency_le: bucket bound {Quote(label)} is not a number of seconds ≥ 0 or \"+Inf\"";
                return false;
            }

            if (!TryCountValue(property.Value, $"latency_le[{Quote(label)}]", out var count, out error))
            {
                return false;
            }

            if (list.Exists(b => b.Bucket.UpperBoundSeconds.Equals(bound)))
            {
                error = $"latency_le: bucket bound {Quote(label)} appears twice";
                return false;
            }

            list.Add((new LatencyBucket(bound, count), label));
        }

        list.Sort((a, b) => a.Bucket.UpperBoundSeconds.CompareTo(b.Bucket.UpperBoundSeconds));
        if (list.Count == 0 || !double.IsPositiveInfinity(list[^1].Bucket.UpperBoundSeconds))
        {
            error = "latency_le: the \"+Inf\" bucket is missing";
            return false;
        }

        for (var i = 1; i < list.Count; i++)
        {
            if (list[i].Bucket.CumulativeCount < list[i - 1].Bucket.CumulativeCount)
            {
                error = $"latency_le: bucket {Quote(list[i].Label)} has {list[i].Bucket.CumulativeCount} but the smaller bound {Quote(list[i - 1].Label)} has {list[i - 1].Bucket.CumulativeCount}: counts must be cumulative (never decrease)";
                return false;
            }
        }

        if (list[^1].Bucket.CumulativeCount != requests)
        {
            error = $"latency_le: \"+Inf\" is {list[^1].Bucket.CumulativeCount} but requests is {requests}: they must be equal";
            return false;
        }

        buckets = [.. list.Select(b => b.Bucket)];
        error = "";
        return true;
    }

    private static bool TryPhase(JsonElement root, out PhaseLabel? phase, out string error)
    {
        phase = null;
        error = "";
        if (!root.TryGetProperty("phase", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        var text = element.ValueKind == JsonValueKind.String ? element.GetString() : null;
        phase = text switch
        {
            "peak" => PhaseLabel.Peak,
            "falling" => PhaseLabel.Falling,
            "trough" => PhaseLabel.Trough,
            "rising" => PhaseLabel.Rising,
            "unknown" => PhaseLabel.Unknown,
            _ => null,
        };
        if (phase is null)
        {
            error = $"phase: expected peak, falling, trough, rising or unknown, found {Shown(element)}";
            return false;
        }

        return true;
    }

    private static bool TryCoherence(JsonElement root, out double? coherence, out string error)
    {
        coherence = null;
        error = "";
        if (!root.TryGetProperty("coherence", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDouble(out var value) || value is < 0 or > 1)
        {
            error = $"coherence: expected a number in [0, 1], found {Shown(element)}";
            return false;
        }

        coherence = value;
        return true;
    }

    /// <summary>The value in quotes, cut to <see cref="MaxShown"/> characters with an ellipsis and the full length.</summary>
    private static string Quote(string text) => text.Length <= MaxShown
        ? $"\"{text}\""
        : $"\"{text[..MaxShown]}…\" ({text.Length} characters)";

    private static string Cut(string text) => text.Length <= MaxShown ? text : $"{text[..MaxShown]}… ({text.Length} characters)";

    private static string Kind(JsonElement element) => element.ValueKind.ToString().ToLowerInvariant();

    private static string Shown(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => Quote(element.GetString()!),
        JsonValueKind.Number => Cut(element.GetRawText()),
        _ => Kind(element),
    };

    /// <summary>yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm): the shape RFC 3339 §5.6 requires (no regex, so the core stays on the base types it already uses).</summary>
    private static bool IsRfc3339Shape(string text)
    {
        static bool Digits(string t, int from, int count)
        {
            for (var i = from; i < from + count; i++)
            {
                if (i >= t.Length || !char.IsAsciiDigit(t[i]))
                {
                    return false;
                }
            }

            return true;
        }

        if (text.Length < 20 || !Digits(text, 0, 4) || text[4] != '-' || !Digits(text, 5, 2) || text[7] != '-' || !Digits(text, 8, 2)
            || text[10] is not ('T' or 't') || !Digits(text, 11, 2) || text[13] != ':' || !Digits(text, 14, 2) || text[16] != ':' || !Digits(text, 17, 2))
        {
            return false;
        }

        var i = 19;
        if (text[i] == '.')
        {
            i++;
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        var rest = text.Length - i;
        return (rest == 1 && text[i] is 'Z' or 'z')
            || (rest == 6 && text[i] is '+' or '-' && Digits(text, i + 1, 2) && text[i + 3] == ':' && Digits(text, i + 4, 2));
    }
}

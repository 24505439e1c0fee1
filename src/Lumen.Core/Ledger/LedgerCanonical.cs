using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace Lumen.Core.Ledger;

/// <summary>
/// The canonical form of an entry (docs/ledger.md): one JSON object with the fields in the fixed
/// order <c>seq, ts, kind, stage, service, actor, data, prev, hash</c>, written by
/// <see cref="CanonicalJson"/> with no whitespace, UTF-8, no trailing newline. <c>hash</c> is the
/// lowercase hex SHA-256 of the same text without the <c>,"hash":"…"</c> member, i.e. the object
/// closed right after <c>prev</c>.
/// </summary>
public static class LedgerCanonical
{
    /// <summary>The byte length of <c>,"hash":"</c> + 64 hex digits + <c>"}</c>.</summary>
    private const int HashSuffixLength = 9 + 64 + 2;

    /// <summary>The largest scratch buffer a thread keeps for <see cref="CanonicalData"/>.</summary>
    private const int MaxScratch = 64 * 1024;

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_scratch;

    /// <summary>
    /// Turns a draft into a sealed entry: assigns seq, ts (normalised to milliseconds), prev and hash.
    /// Throws <see cref="ArgumentException"/> when the draft has no canonical form.
    /// </summary>
    public static LedgerEntry Seal(LedgerDraft draft, long seq, DateTimeOffset ts, string prev)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var data = CanonicalData(draft);
        var output = new ArrayBufferWriter<byte>(256 + data.Length);
        var hash = WriteLine(output, draft, data.Span, seq, ts, prev);
        return LedgerEntry.Of(draft, seq, LedgerTime.Normalize(ts), prev, hash);
    }

    /// <summary>The canonical bytes of a whole entry, including <c>hash</c> (no newline).</summary>
    public static byte[] Serialize(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var output = new ArrayBufferWriter<byte>(512);
        WriteUnhashed(output, entry.Seq, entry.Ts, entry.Kind, entry.Stage, entry.Service, entry.Actor,
            CanonicalData(entry), entry.Prev);
        var suffix = new ArrayBufferWriter<byte>(HashSuffixLength);
        AppendHash(suffix, entry.Hash);
        return [.. output.WrittenSpan[..^1], .. suffix.WrittenSpan];
    }

    /// <summary>The hash an entry ought to have: SHA-256 over its canonical form without <c>hash</c>.</summary>
    public static string ComputeHash(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var output = new ArrayBufferWriter<byte>(512);
        WriteUnhashed(output, entry.Seq, entry.Ts, entry.Kind, entry.Stage, entry.Service, entry.Actor,
            CanonicalData(entry), entry.Prev);
        return LedgerHash.Sha256Hex(output.WrittenSpan);
    }

    /// <summary>The canonical bytes of a draft's <c>data</c>: the bytes it was written with, or <see cref="CanonicalData(JsonElement)"/>.</summary>
    public static ReadOnlyMemory<byte> CanonicalData(LedgerDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return draft.Canonical is { } canonical ? canonical.Memory : CanonicalData(draft.Data);
    }

    private static ReadOnlySpan<byte> CanonicalData(LedgerEntry entry) =>
        entry.Canonical is { } canonical ? canonical.Utf8 : CanonicalData(entry.Data);

    /// <summary>
    /// The canonical bytes of a <c>data</c> object. Throws <see cref="ArgumentException"/> when it is
    /// not an object or has no canonical form (duplicate keys, unpaired surrogates, huge numbers).
    /// </summary>
    public static byte[] CanonicalData(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            throw new ArgumentException($"ledger data must be a JSON object, not {data.ValueKind}", nameof(data));
        }

        // One scratch buffer per thread (appenders canonicalise on their own threads), dropped when a
        // huge object grew it; only the exact result is allocated.
        var output = t_scratch ??= new ArrayBufferWriter<byte>(1024);
        output.ResetWrittenCount();
        try
        {
            CanonicalJson.WriteValue(output, data);
            return output.WrittenSpan.ToArray();
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"ledger data has no canonical form: {e.Message}", nameof(data), e);
        }
        finally
        {
            if (output.Capacity > MaxScratch)
            {
                t_scratch = null;
            }
        }
    }

    /// <summary>
    /// Appends the canonical line of a new entry (without newline) to <paramref name="output"/>
    /// and returns its hash. <paramref name="canonicalData"/> comes from <see cref="CanonicalData"/>.
    /// </summary>
    public static string WriteLine(IBufferWriter<byte> output, LedgerDraft draft, ReadOnlySpan<byte> canonicalData,
        long seq, DateTimeOffset ts, string prev)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(draft);
        Validate(draft, seq, prev);
        var scratch = new ArrayBufferWriter<byte>(256 + canonicalData.Length);
        try
        {
            WriteUnhashed(scratch, seq, ts, draft.Kind, draft.Stage, draft.Service, draft.Actor, canonicalData, prev);
        }
        catch (FormatException e)
        {
            throw new ArgumentException($"the entry has no canonical form: {e.Message}", nameof(draft), e);
        }

        var hash = LedgerHash.Sha256Hex(scratch.WrittenSpan);
        output.Write(scratch.WrittenSpan[..^1]);
        AppendHash(output, hash);
        return hash;
    }

    /// <summary>Writes <c>{"seq":…,…,"prev":"…"}</c>, the text the hash is computed over.</summary>
    internal static void WriteUnhashed(IBufferWriter<byte> output, long seq, DateTimeOffset ts, string kind,
        string? stage, string? service, string actor, ReadOnlySpan<byte> canonicalData, string prev)
    {
        Span<byte> time = stackalloc byte[QuotedTimeLength];
        WriteUnhashed(output, seq, QuotedTime(ts, time), kind, stage, service, actor, canonicalData, prev);
    }

    /// <summary>As above, with <c>ts</c> already written as a JSON string (<see cref="QuotedTime"/>).</summary>
    internal static void WriteUnhashed(IBufferWriter<byte> output, long seq, ReadOnlySpan<byte> quotedTs, string kind,
        string? stage, string? service, string actor, ReadOnlySpan<byte> canonicalData, string prev)
    {
        CanonicalJson.Raw(output, "{\"seq\":"u8);
        CanonicalJson.WriteInteger(output, seq);
        CanonicalJson.Raw(output, ",\"ts\":"u8);
        CanonicalJson.Raw(output, quotedTs);
        CanonicalJson.Raw(output, ",\"kind\":"u8);
        CanonicalJson.WriteString(output, kind);
        CanonicalJson.Raw(output, ",\"stage\":"u8);
        WriteNullableString(output, stage);
        CanonicalJson.Raw(output, ",\"service\":"u8);
        WriteNullableString(output, service);
        CanonicalJson.Raw(output, ",\"actor\":"u8);
        CanonicalJson.WriteString(output, actor);
        CanonicalJson.Raw(output, ",\"data\":"u8);
        CanonicalJson.Raw(output, canonicalData);
        CanonicalJson.Raw(output, ",\"prev\":"u8);
        CanonicalJson.WriteString(output, prev);
        CanonicalJson.Raw(output, "}"u8);
    }

    /// <summary>The length of <see cref="QuotedTime"/>'s text: <c>"2025-11-25T18:21:07.042Z"</c>.</summary>
    internal const int QuotedTimeLength = 26;

    /// <summary>Writes <c>ts</c> as the JSON string <see cref="LedgerTime.ToText"/> makes (it needs no escaping) into <paramref name="destination"/>.</summary>
    internal static ReadOnlySpan<byte> QuotedTime(DateTimeOffset ts, Span<byte> destination)
    {
        destination[0] = (byte)'"';
        var formatted = LedgerTime.Normalize(ts).TryFormat(destination[1..], out var written, LedgerTime.Format,
            CultureInfo.InvariantCulture);
        if (!formatted || written != QuotedTimeLength - 2)
        {
            throw new ArgumentOutOfRangeException(nameof(ts), ts, "ledger times have four-digit years");
        }

        destination[written + 1] = (byte)'"';
        return destination[..(written + 2)];
    }

    /// <summary>The length of the hashed prefix of a canonical line: the line minus the hash member, plus <c>}</c>.</summary>
    internal static int UnhashedLength(int lineLength) => lineLength - HashSuffixLength + 1;

    internal static void AppendHash(IBufferWriter<byte> output, string hash)
    {
        CanonicalJson.Raw(output, ",\"hash\":"u8);
        CanonicalJson.WriteString(output, hash);
        CanonicalJson.Raw(output, "}"u8);
    }

    private static void WriteNullableString(IBufferWriter<byte> output, string? value)
    {
        if (value is null)
        {
            CanonicalJson.Raw(output, "null"u8);
        }
        else
        {
            CanonicalJson.WriteString(output, value);
        }
    }

    internal static void Validate(LedgerDraft draft, long seq, string prev)
    {
        var (kind, actor) = (draft.Kind, draft.Actor);
        if (draft.Stage is "" || draft.Service is "")
        {
            throw new ArgumentException("stage and service are null or non-empty", nameof(draft));
        }

        if (string.IsNullOrEmpty(kind))
        {
            throw new ArgumentException("an entry needs a kind", nameof(kind));
        }

        if (string.IsNullOrEmpty(actor))
        {
            throw new ArgumentException("an entry needs an actor", nameof(actor));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(seq, 1);
        if (!LedgerHash.IsWellFormed(prev))
        {
            throw new ArgumentException("prev must be 64 lowercase hex digits", nameof(prev));
        }
    }
}

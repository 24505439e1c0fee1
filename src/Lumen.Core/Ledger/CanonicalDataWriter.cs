using System.Buffers;
using System.Globalization;

namespace Lumen.Core.Ledger;

/// <summary>
/// Writes a <c>data</c> object straight into the ledger's canonical form (<see cref="CanonicalJson"/>:
/// no whitespace, keys in ordinal order, the canonical string escaping, integers as plain decimals,
/// other numbers as the shortest round trip of the double), for callers that write an entry per
/// service per tick. The caller writes the keys of each object in ordinal order; a key that is not
/// after the one before it throws, so what this writes is canonical by construction (a property test
/// holds it to <see cref="LedgerCanonical.CanonicalData"/> of the same object). Reusable after
/// <see cref="Reset"/>; not thread-safe.
/// </summary>
public sealed class CanonicalDataWriter
{
    private readonly ArrayBufferWriter<byte> _output = new(1024);

    // Per open object or array: the last key written (null before the first), or for an array the
    // items written so far.
    private readonly List<Frame> _frames = [];

    private record struct Frame(bool IsArray, string? LastKey, int Items);

    /// <summary>Starts a new root object, dropping whatever was written.</summary>
    public void Reset()
    {
        _output.ResetWrittenCount();
        _frames.Clear();
        CanonicalJson.Raw(_output, "{"u8);
        _frames.Add(default);
    }

    /// <summary>Opens an object under <paramref name="name"/>.</summary>
    public void StartObject(string name)
    {
        Key(name);
        Open(array: false);
    }

    /// <summary>Opens an object as the next item of the innermost open array.</summary>
    public void StartObject()
    {
        Item();
        Open(array: false);
    }

    /// <summary>Closes the innermost open object (not the root: <see cref="ToData"/> does).</summary>
    public void EndObject()
    {
        if (_frames.Count < 2 || _frames[^1].IsArray)
        {
            throw new InvalidOperationException("no object is open below the root");
        }

        _frames.RemoveAt(_frames.Count - 1);
        CanonicalJson.Raw(_output, "}"u8);
    }

    /// <summary>Opens an array under <paramref name="name"/>; its items are written with the methods without a name.</summary>
    public void StartArray(string name)
    {
        Key(name);
        Open(array: true);
    }

    /// <summary>Opens an array as the next item of the innermost open array.</summary>
    public void StartArray()
    {
        Item();
        Open(array: true);
    }

    /// <summary>Closes the innermost open array.</summary>
    public void EndArray()
    {
        if (_frames.Count < 2 || !_frames[^1].IsArray)
        {
            throw new InvalidOperationException("no array is open");
        }

        _frames.RemoveAt(_frames.Count - 1);
        CanonicalJson.Raw(_output, "]"u8);
    }

    /// <summary>A number item of the innermost open array; <c>null</c> when missing, NaN or infinite.</summary>
    public void Number(double? value)
    {
        Item();
        WriteNumber(value);
    }

    /// <summary>An integer item of the innermost open array.</summary>
    public void Integer(long value)
    {
        Item();
        WriteInteger(value);
    }

    /// <summary>A string item (or <c>null</c>) of the innermost open array.</summary>
    public void String(string? value)
    {
        Item();
        WriteString(null, value);
    }

    /// <summary>A boolean item of the innermost open array.</summary>
    public void Boolean(bool value)
    {
        Item();
        WriteBoolean(value);
    }

    /// <summary>A <c>null</c> item of the innermost open array.</summary>
    public void Null()
    {
        Item();
        WriteNull();
    }

    /// <summary>A number; <c>null</c> when it is missing, NaN or infinite (JSON has no NaN: unknown is null, never 0).</summary>
    public void Number(string name, double? value)
    {
        Key(name);
        WriteNumber(value);
    }

    internal void WriteNumber(double? value)
    {
        if (value is not { } v || !double.IsFinite(v))
        {
            CanonicalJson.Raw(_output, "null"u8);
            return;
        }

        if (v == 0)
        {
            // -0.0 and 0.0 are one canonical zero.
            CanonicalJson.Raw(_output, "0"u8);
            return;
        }

        if (Math.Abs(v) < 1e15 && v == Math.Floor(v))
        {
            // A whole number below 10^15 is its shortest round trip written without a fraction or an
            // exponent (from 10^15 on, "R" writes an exponent), so the integer writer can write it
            // instead of the double formatter: knob values, counts and seconds are mostly whole.
            WriteInteger((long)v);
            return;
        }

        var span = _output.GetSpan(32);
        v.TryFormat(span, out var written, "R", CultureInfo.InvariantCulture);
        _output.Advance(written);
    }

    /// <summary>An integer.</summary>
    public void Integer(string name, long value)
    {
        Key(name);
        WriteInteger(value);
    }

    /// <summary>A string, or <c>null</c>.</summary>
    public void String(string name, string? value)
    {
        Key(name);
        WriteString(name, value);
    }

    /// <summary>A string value (or null); <paramref name="name"/> names it in the error, null for an array item.</summary>
    internal void WriteString(string? name, string? value)
    {
        if (value is null)
        {
            WriteNull();
        }
        else
        {
            try
            {
                CanonicalJson.WriteString(_output, value);
            }
            catch (FormatException e)
            {
                var what = name is null ? "an array item" : $"\"{name}\"";
                throw new ArgumentException($"{what} has no canonical form: {e.Message}", nameof(value), e);
            }
        }
    }

    /// <summary>A boolean.</summary>
    public void Boolean(string name, bool value)
    {
        Key(name);
        WriteBoolean(value);
    }

    /// <summary>An explicit <c>null</c>.</summary>
    public void Null(string name)
    {
        Key(name);
        WriteNull();
    }

    /// <summary>Closes the root object and returns a copy of its bytes; every inner object must be closed.</summary>
    public CanonicalData ToData()
    {
        if (_frames.Count != 1)
        {
            throw new InvalidOperationException(_frames.Count == 0 ? "nothing was written (call Reset first)" : "an object or array is still open");
        }

        CanonicalJson.Raw(_output, "}"u8);
        _frames.Clear();
        return new CanonicalData(_output.WrittenSpan.ToArray());
    }

    /// <summary>Where the next value goes: the member <paramref name="name"/>, or the next item of the open array when it is null (for <see cref="CanonicalTree"/>).</summary>
    internal void At(string? name)
    {
        if (name is null)
        {
            Item();
        }
        else
        {
            Key(name);
        }
    }

    /// <summary>Opens an object or array at the place <see cref="At"/> chose.</summary>
    internal void Open(bool array)
    {
        CanonicalJson.Raw(_output, array ? "["u8 : "{"u8);
        _frames.Add(new Frame(array, null, 0));
    }

    internal void WriteInteger(long value) => CanonicalJson.WriteInteger(_output, value);

    internal void WriteBoolean(bool value) => CanonicalJson.Raw(_output, value ? "true"u8 : "false"u8);

    internal void WriteNull() => CanonicalJson.Raw(_output, "null"u8);

    private void Key(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_frames.Count == 0)
        {
            throw new InvalidOperationException("no object is open (call Reset first)");
        }

        var depth = _frames.Count - 1;
        if (_frames[depth].IsArray)
        {
            throw new InvalidOperationException($"\"{name}\": an array's items have no names");
        }

        if (_frames[depth].LastKey is { } last)
        {
            if (string.CompareOrdinal(last, name) >= 0)
            {
                throw new InvalidOperationException($"keys must be written in ordinal order without repeats: \"{name}\" after \"{last}\"");
            }

            CanonicalJson.Raw(_output, ","u8);
        }

        _frames[depth] = _frames[depth] with { LastKey = name };
        CanonicalJson.WriteString(_output, name);
        CanonicalJson.Raw(_output, ":"u8);
    }

    private void Item()
    {
        if (_frames.Count == 0 || !_frames[^1].IsArray)
        {
            throw new InvalidOperationException("no array is open: an object's members need names");
        }

        var frame = _frames[^1];
        if (frame.Items > 0)
        {
            CanonicalJson.Raw(_output, ","u8);
        }

        _frames[^1] = frame with { Items = frame.Items + 1 };
    }
}

using System.Buffers;
using System.Collections;

namespace Lumen.Core.Ledger;

/// <summary>
/// A <c>data</c> object built as dictionaries and lists (string keys; strings, booleans, integers,
/// finite doubles, null, nested dictionaries and sequences), written straight into the ledger's
/// canonical form with <see cref="CanonicalDataWriter"/>, keys sorted per object. The loop's
/// per-service entries (<c>decision</c>, <c>trial.judged</c>) are made this way: serialising them
/// to JSON text and parsing that back into an element took a tenth of a tick at 10,000 services.
/// The bytes are those of <see cref="LedgerCanonical.CanonicalData(LedgerDraft)"/> of
/// <see cref="LedgerData.From{T}"/> of the same object (a property test holds them equal); anything
/// else (a non-ASCII key, a float, a date, a record) takes that path.
/// </summary>
public static class CanonicalTree
{
    [ThreadStatic]
    private static CanonicalDataWriter? t_writer;

    /// <summary>The canonical data of <paramref name="data"/>.</summary>
    /// <exception cref="ArgumentException">A number is NaN or infinite (as <see cref="LedgerData.From{T}"/>).</exception>
    public static CanonicalData From(IDictionary<string, object?> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var writer = t_writer ??= new CanonicalDataWriter();
        try
        {
            writer.Reset();
            Members(writer, (IDictionary)data, 0);
            return writer.ToData();
        }
        catch (NotSupportedException)
        {
            return new CanonicalData(LedgerCanonical.CanonicalData(LedgerData.From(data)).ToArray());
        }
    }

    private static void Members(CanonicalDataWriter w, IDictionary dictionary, int depth)
    {
        var count = dictionary.Count;
        var keys = ArrayPool<string>.Shared.Rent(count);
        try
        {
            var i = 0;
            foreach (var key in dictionary.Keys)
            {
                keys[i++] = key as string is { } name && System.Text.Ascii.IsValid(name)
                    ? name
                    : throw new NotSupportedException("a key that is not an ASCII string");
            }

            // ASCII keys: UTF-16 ordinal order is the canonical form's byte order.
            Array.Sort(keys, 0, count, StringComparer.Ordinal);
            for (i = 0; i < count; i++)
            {
                Value(w, keys[i], dictionary[keys[i]], depth);
            }
        }
        finally
        {
            Array.Clear(keys, 0, count);
            ArrayPool<string>.Shared.Return(keys);
        }
    }

    /// <summary>One value: a member named <paramref name="name"/>, or the next array item when it is null.</summary>
    private static void Value(CanonicalDataWriter w, string? name, object? value, int depth)
    {
        if (depth > 64)
        {
            throw new NotSupportedException("a tree deeper than 64 levels");
        }

        w.At(name);
        switch (value)
        {
            case null:
                w.WriteNull();
                return;
            case string s:
                w.WriteString(name, s);
                return;
            case bool b:
                w.WriteBoolean(b);
                return;
            case int or long or short or byte or uint or ushort or sbyte:
                w.WriteInteger(Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture));
                return;
            case double d:
                w.WriteNumber(double.IsFinite(d) ? d : throw new ArgumentException($"{d} is not a JSON number"));
                return;
            case IDictionary dictionary:
                w.Open(array: false);
                Members(w, dictionary, depth + 1);
                w.EndObject();
                return;
            case IEnumerable sequence:
                w.Open(array: true);
                foreach (var item in sequence)
                {
                    Value(w, null, item, depth + 1);
                }

                w.EndArray();
                return;
            default:
                throw new NotSupportedException($"a {value.GetType().Name}");
        }
    }
}

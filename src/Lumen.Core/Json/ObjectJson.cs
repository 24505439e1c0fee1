using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Lumen.Core.Json;

/// <summary>
/// Writes records, anonymous objects, dictionaries and lists as JSON the way System.Text.Json's
/// reflection serializer does (same names, order, numbers, dates and escaping), without generating
/// code at run time, so that it also works in the Native AOT build (docs/releasing.md).
/// System.Text.Json's reflection serializer needs generic instantiations (one converter per value
/// type and anonymous type) that an ahead-of-time compiler cannot know; this writer only reads
/// properties and boxes values. The product's assemblies are rooted in the AOT build, so the
/// metadata it reads is there.
/// </summary>
/// <remarks>
/// Supported: null, strings, chars, booleans, every number type, enums (as numbers, as the
/// serializer's default), <see cref="DateTimeOffset"/>, <see cref="DateTime"/>, <see cref="TimeSpan"/>,
/// <see cref="Guid"/>, <see cref="JsonElement"/>, dictionaries (keys as they are), sequences and
/// objects (public readable instance properties). A property declared as a type other than
/// <see cref="object"/> is written with the declared type's properties, as the serializer does.
/// Anything else is refused with <see cref="NotSupportedException"/> rather than written differently.
/// </remarks>
public static class ObjectJson
{
    private static readonly ConcurrentDictionary<(Type, JsonNamingPolicy?), Member[]> Shapes = new();

    // Every ledger entry's data goes through here: the element type of a (declared, runtime, argument)
    // triple is looked up by reflection once, not on every write.
    private static readonly ConcurrentDictionary<(Type Declared, Type Runtime, int Argument), Type> ElementTypes = new();

    /// <summary>The value as JSON text.</summary>
    public static string Serialize<T>(T value, ObjectJsonOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        options ??= ObjectJsonOptions.Default;
        using (var writer = new Utf8JsonWriter(buffer, options.Writer))
        {
            WriteValue(writer, value, typeof(T), options, 0);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>The value as a detached <see cref="JsonElement"/>.</summary>
    public static JsonElement ToElement<T>(T value, ObjectJsonOptions? options = null)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValue(writer, value, typeof(T), options ?? ObjectJsonOptions.Default, 0);
        }

        // Parsed straight into a detached element: no document to clone and dispose.
        var reader = new Utf8JsonReader(buffer.WrittenSpan);
        return JsonElement.ParseValue(ref reader);
    }

    /// <summary>Writes the value to <paramref name="writer"/>.</summary>
    public static void Write(Utf8JsonWriter writer, object? value, ObjectJsonOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteValue(writer, value, typeof(object), options ?? ObjectJsonOptions.Default, 0);
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value, Type declared, ObjectJsonOptions options, int depth)
    {
        if (depth > 64)
        {
            throw new JsonException("the object graph is deeper than 64 levels (a cycle?)");
        }

        switch (value)
        {
            case null: writer.WriteNullValue(); return;
            case string s: writer.WriteStringValue(s); return;
            case bool b: writer.WriteBooleanValue(b); return;
            case JsonElement e: e.WriteTo(writer); return;
            case System.Text.Json.Nodes.JsonNode n: n.WriteTo(writer); return;
            case DateTimeOffset dto: writer.WriteStringValue(dto); return;
            case DateTime dt: writer.WriteStringValue(dt); return;
            case Guid g: writer.WriteStringValue(g); return;
            case TimeSpan ts: writer.WriteStringValue(ts.ToString("c", CultureInfo.InvariantCulture)); return;
            case char c: writer.WriteStringValue(c.ToString()); return;
            case Enum: WriteEnum(writer, value); return;
            case double d: WriteDouble(writer, d, options); return;
            case float f: WriteFloat(writer, f, options); return;
            case int i: writer.WriteNumberValue(i); return;
            case long l: writer.WriteNumberValue(l); return;
            case decimal m: writer.WriteNumberValue(m); return;
            case uint ui: writer.WriteNumberValue(ui); return;
            case ulong ul: writer.WriteNumberValue(ul); return;
            case short sh: writer.WriteNumberValue(sh); return;
            case ushort us: writer.WriteNumberValue(us); return;
            case byte by: writer.WriteNumberValue(by); return;
            case sbyte sb: writer.WriteNumberValue(sb); return;
            case IDictionary dictionary: WriteDictionary(writer, dictionary, declared, options, depth); return;
            case IEnumerable sequence: WriteSequence(writer, sequence, declared, options, depth); return;
            default: WriteObject(writer, value, declared, options, depth); return;
        }
    }

    private static void WriteDouble(Utf8JsonWriter writer, double d, ObjectJsonOptions options)
    {
        if (double.IsFinite(d))
        {
            writer.WriteNumberValue(d);
        }
        else if (options.NamedFloatingPointLiterals)
        {
            writer.WriteStringValue(double.IsNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
        }
        else
        {
            throw new ArgumentException($"{d.ToString(CultureInfo.InvariantCulture)} is not a JSON number");
        }
    }

    private static void WriteFloat(Utf8JsonWriter writer, float f, ObjectJsonOptions options)
    {
        if (float.IsFinite(f))
        {
            writer.WriteNumberValue(f);
        }
        else
        {
            WriteDouble(writer, f, options);
        }
    }

    private static void WriteEnum(Utf8JsonWriter writer, object value)
    {
        if (Enum.GetUnderlyingType(value.GetType()) == typeof(ulong))
        {
            writer.WriteNumberValue(Convert.ToUInt64(value, CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
        }
    }

    private static void WriteDictionary(Utf8JsonWriter writer, IDictionary dictionary, Type declared, ObjectJsonOptions options, int depth)
    {
        var valueType = ElementType(declared, dictionary.GetType(), 1);
        writer.WriteStartObject();
        var entries = dictionary.GetEnumerator();
        while (entries.MoveNext())
        {
            var key = entries.Key switch
            {
                string s => s,
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var k => k.ToString() ?? "",
            };
            writer.WritePropertyName(options.DictionaryKeys?.ConvertName(key) ?? key);
            WriteValue(writer, entries.Value, valueType, options, depth + 1);
        }

        writer.WriteEndObject();
    }

    private static void WriteSequence(Utf8JsonWriter writer, IEnumerable sequence, Type declared, ObjectJsonOptions options, int depth)
    {
        var elementType = ElementType(declared, sequence.GetType(), 0);
        writer.WriteStartArray();
        foreach (var item in sequence)
        {
            WriteValue(writer, item, elementType, options, depth + 1);
        }

        writer.WriteEndArray();
    }

    private static void WriteObject(Utf8JsonWriter writer, object value, Type declared, ObjectJsonOptions options, int depth)
    {
        // As the serializer: a property declared as a concrete type is written with that type's
        // properties; one declared as object, with the runtime type's.
        declared = Nullable.GetUnderlyingType(declared) ?? declared;
        var shape = declared == typeof(object) || !declared.IsAssignableFrom(value.GetType()) ? value.GetType() : declared;
        writer.WriteStartObject();
        foreach (var member in ShapeOf(shape, options.PropertyNames))
        {
            writer.WritePropertyName(member.Name);
            WriteValue(writer, member.Property.GetValue(value), member.Property.PropertyType, options, depth + 1);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// The declared element type of a sequence (<paramref name="argument"/> 0) or the declared value type of a
    /// dictionary (1), from the declared type when it names one, else from the runtime type; object when neither does.
    /// </summary>
    private static Type ElementType(Type declared, Type runtime, int argument) =>
        ElementTypes.GetOrAdd((declared, runtime, argument), static key => FindElementType(key.Declared, key.Runtime, key.Argument));

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The product's assemblies are rooted in the AOT build (src/Lumen.Cli/Lumen.Cli.csproj); the interfaces of the collections they use are kept with them.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "As above.")]
    private static Type FindElementType(Type declared, Type runtime, int argument)
    {
        foreach (var type in new[] { declared, runtime })
        {
            var candidates = type.IsInterface ? type.GetInterfaces().Prepend(type) : type.GetInterfaces();
            foreach (var candidate in candidates)
            {
                if (!candidate.IsGenericType)
                {
                    continue;
                }

                var definition = candidate.GetGenericTypeDefinition();
                if (argument == 0 && definition == typeof(IEnumerable<>))
                {
                    return candidate.GetGenericArguments()[0];
                }

                if (argument == 1 && (definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>)))
                {
                    return candidate.GetGenericArguments()[1];
                }
            }
        }

        return typeof(object);
    }

    private static Member[] ShapeOf(Type type, JsonNamingPolicy? names) => Shapes.GetOrAdd((type, names), static key => BuildShape(key.Item1, key.Item2));

    [UnconditionalSuppressMessage("Trimming", "IL2075", Justification = "The product's assemblies are rooted in the AOT build (src/Lumen.Cli/Lumen.Cli.csproj), so their types keep their public properties.")]
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = "As above.")]
    private static Member[] BuildShape(Type type, JsonNamingPolicy? names)
    {
            // The serializer lists the most derived type's properties first, then each base type's.
            var members = new List<Member>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var t = type; t is not null && t != typeof(object); t = t.BaseType)
            {
                foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                {
                    if (p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0 && seen.Add(p.Name))
                    {
                        members.Add(new Member(names?.ConvertName(p.Name) ?? p.Name, p));
                    }
                }
            }

            return [.. members];
    }

    private sealed record Member(string Name, PropertyInfo Property);
}

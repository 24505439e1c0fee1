using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Lumen.Core.Json;

/// <summary>Typed metadata from options whose resolver is a source-generated context.</summary>
public static class JsonOptionsExtensions
{
    /// <summary>The metadata of <typeparamref name="T"/> under <paramref name="options"/> (its resolver must know the type).</summary>
    public static JsonTypeInfo<T> TypeInfo<T>(this JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }
}

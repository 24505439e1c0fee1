using System.Collections.Immutable;
using System.Text.Json;

namespace Lumen.Web.Rollouts;

/// <summary>
/// Flagger's webhook payload (<c>{"name", "namespace", "phase", "checksum", "metadata": {…}}</c>), which
/// the shipped Argo AnalysisTemplate sends too. Metadata values are strings; keys Lumen reads:
/// <c>token</c>, <c>window</c> (e.g. 30m), <c>stable_hash</c> and <c>canary_hash</c> (Argo's pod-template hashes).
/// Unknown fields are ignored, so a newer Flagger does not break the hook.
/// </summary>
internal sealed record RolloutPayload(string Name, string Namespace, string? Phase, string? Checksum, ImmutableDictionary<string, string> Metadata)
{
    public const string TokenKey = "token";
    public const int MaxBytes = 64 * 1024;

    /// <summary>The payload, or null and what is wrong with it (never echoing a metadata value).</summary>
    public static (RolloutPayload? Payload, string? Error) Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json.ToArray(), new JsonDocumentOptions { MaxDepth = 8 });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, "expected a JSON object with name and namespace");
            }

            var name = Text(root, "name");
            var ns = Text(root, "namespace");
            if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(ns))
            {
                return (null, "expected the fields name and namespace (strings): the Flagger canary or Argo rollout");
            }

            var metadata = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in m.EnumerateObject())
                {
                    metadata[property.Name] = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText();
                }
            }

            return (new RolloutPayload(name, ns, Text(root, "phase"), Text(root, "checksum") is { Length: > 0 } c ? c : null, metadata.ToImmutable()), null);
        }
        catch (JsonException e)
        {
            return (null, $"not JSON: {e.Message}");
        }
    }

    /// <summary>What identifies the canary's revision: Flagger's checksum, else Argo's canary pod-template hash.</summary>
    public string? Revision => Checksum ?? (Metadata.GetValueOrDefault("canary_hash") is { Length: > 0 } h ? h : null);

    private static string? Text(JsonElement root, string key) =>
        root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

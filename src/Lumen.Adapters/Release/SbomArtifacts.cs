using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lumen.Adapters.Release;

/// <summary>
/// The release's own files in its CycloneDX SBOM: each artifact (binary, tarball, tool package) is a
/// component of type <c>file</c> with bom-ref <c>file:NAME</c> and its SHA-256, so the SBOM names the
/// exact bytes it describes. <see cref="Attach"/> adds them after the SBOM is generated;
/// <see cref="Check"/> compares them with the files.
/// </summary>
public static class SbomArtifacts
{
    private const string RefPrefix = "file:";
    private const string Sha256 = "SHA-256";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Known CycloneDX hash algorithms and their hex lengths.</summary>
    private static readonly Dictionary<string, int> HexLengths = new(StringComparer.Ordinal)
    {
        ["MD5"] = 32, ["SHA-1"] = 40, ["SHA-256"] = 64, ["SHA-384"] = 96, ["SHA-512"] = 128,
        ["SHA3-256"] = 64, ["SHA3-384"] = 96, ["SHA3-512"] = 128,
        ["BLAKE2b-256"] = 64, ["BLAKE2b-384"] = 96, ["BLAKE2b-512"] = 128, ["BLAKE3"] = 64,
    };

    /// <summary>Returns the SBOM with one file component per artifact (replacing earlier ones of the
    /// same name), in the order given.</summary>
    public static string Attach(string sbomJson, IEnumerable<KeyValuePair<string, string>> artifacts, string version)
    {
        var root = JsonNode.Parse(sbomJson) as JsonObject ?? throw new FormatException("the SBOM is not a JSON object");
        if (root["components"] is not JsonArray components)
        {
            components = [];
            root["components"] = components;
        }

        foreach (var (name, hex) in artifacts)
        {
            var existing = components.OfType<JsonObject>().Where(c => (string?)c["bom-ref"] == RefPrefix + name).ToList();
            foreach (var old in existing)
            {
                components.Remove(old);
            }

            components.Add((JsonNode)new JsonObject
            {
                ["type"] = "file",
                ["bom-ref"] = RefPrefix + name,
                ["name"] = name,
                ["version"] = version,
                ["hashes"] = new JsonArray(new JsonObject { ["alg"] = Sha256, ["content"] = hex }),
            });
        }

        return root.ToJsonString(Indented) + "\n";
    }

    /// <summary>
    /// The problems found (empty when none): the SBOM is not CycloneDX JSON; an artifact in
    /// <paramref name="actualSums"/> has no file component; a file component's SHA-256 differs
    /// from the file; any component's hash is malformed for its algorithm.
    /// </summary>
    public static IReadOnlyList<string> Check(string sbomJson, IReadOnlyDictionary<string, string> actualSums)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(sbomJson) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException e)
        {
            return [$"not valid JSON: {e.Message}"];
        }

        if ((string?)root["bomFormat"] != "CycloneDX" || root["specVersion"] is null)
        {
            return ["expected a CycloneDX document (bomFormat \"CycloneDX\", specVersion)"];
        }

        var problems = new List<string>();
        var files = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var component in Components(root))
        {
            var label = (string?)component["bom-ref"] ?? (string?)component["name"] ?? "?";
            foreach (var hash in (component["hashes"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var alg = (string?)hash["alg"] ?? "";
                var content = (string?)hash["content"] ?? "";
                if (!HexLengths.TryGetValue(alg, out var length) || content.Length != length || !content.All(Uri.IsHexDigit))
                {
                    problems.Add($"component {label}: malformed {alg} hash");
                }
            }

            if ((string?)component["type"] == "file" && label.StartsWith(RefPrefix, StringComparison.Ordinal))
            {
                files[label[RefPrefix.Length..]] = (component["hashes"] as JsonArray ?? []).OfType<JsonObject>()
                    .Where(h => (string?)h["alg"] == Sha256).Select(h => (string?)h["content"]).FirstOrDefault();
            }
        }

        foreach (var (name, actual) in actualSums.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (!files.TryGetValue(name, out var declared))
            {
                problems.Add($"{name}: not in the SBOM (expected a file component with bom-ref {RefPrefix}{name})");
            }
            else if (!string.Equals(declared, actual, StringComparison.OrdinalIgnoreCase))
            {
                problems.Add($"{name}: the SBOM's SHA-256 {declared ?? "(none)"} differs from the file's {actual}");
            }
        }

        foreach (var name in files.Keys.Where(n => !actualSums.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            problems.Add($"{name}: in the SBOM but not in the release");
        }

        return problems;
    }

    private static IEnumerable<JsonObject> Components(JsonObject root)
    {
        var stack = new Stack<JsonNode?>();
        stack.Push(root["components"]);
        if (root["metadata"]?["component"] is JsonObject main)
        {
            yield return main;
            stack.Push(main["components"]);
        }

        while (stack.Count > 0)
        {
            foreach (var component in (stack.Pop() as JsonArray ?? []).OfType<JsonObject>())
            {
                yield return component;
                stack.Push(component["components"]);
            }
        }
    }
}

using System.Security.Cryptography;
using System.Text.Json;

namespace Lumen.Web.Console;

/// <summary>The parts of <c>canary_report.json</c> the console shows, and the file's SHA-256.</summary>
internal sealed record ConsoleReport(string Decision, string Stage, string Service, string? DecidedAt, string Sha256,
    IReadOnlyList<(string Gate, string Outcome, string Reason)> Gates)
{
    /// <summary>Reads the report; a missing or unreadable file is shown as "no report" (null).</summary>
    public static ConsoleReport? TryRead(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            var bytes = File.ReadAllBytes(path);
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            var gates = new List<(string, string, string)>();
            if (root.TryGetProperty("gates", out var g) && g.ValueKind == JsonValueKind.Array)
            {
                foreach (var gate in g.EnumerateArray())
                {
                    gates.Add((Str(gate, "gate") ?? "?", Str(gate, "outcome") ?? "?", Str(gate, "reason") ?? ""));
                }
            }

            return new ConsoleReport(Str(root, "decision") ?? "?", Str(root, "stage") ?? "?", Str(root, "service") ?? "?",
                Str(root, "decided_at"), Convert.ToHexStringLower(SHA256.HashData(bytes)), gates);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

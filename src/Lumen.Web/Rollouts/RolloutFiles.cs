using System.Text.Json;
using Lumen.Adapters.FileSystem;
using Lumen.Core.Policy;

namespace Lumen.Web.Rollouts;

/// <summary>
/// Where the rollout endpoints keep a service's latest report: <c>STATE/rollouts/SERVICE/canary_report.json</c>
/// (records beside it), and <c>rollout.json</c>, which says which canary revision that report judged, so a pass
/// for one revision never confirms the promotion of another.
/// </summary>
internal static class RolloutFiles
{
    public static string Directory(string stateDir, string service) => Path.Combine(stateDir, "rollouts", service);

    public static string Report(string stateDir, string service) => Path.Combine(Directory(stateDir, service), "canary_report.json");

    private static string Revision(string stateDir, string service) => Path.Combine(Directory(stateDir, service), "rollout.json");

    public static void WriteRevision(string stateDir, string service, RolloutRef target, string? revision, string reportSha256)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("tool", target.Tool.ToString().ToLowerInvariant());
            json.WriteString("namespace", target.Namespace);
            json.WriteString("name", target.Name);
            if (revision is null)
            {
                json.WriteNull("revision");
            }
            else
            {
                json.WriteString("revision", revision);
            }

            json.WriteString("report_sha256", reportSha256);
            json.WriteEndObject();
        }

        AtomicFile.Write(Revision(stateDir, service), System.Text.Encoding.UTF8.GetString(stream.ToArray()) + "\n");
    }

    /// <summary>The revision and report hash the latest judgement recorded, or null when there is none (or it is unreadable).</summary>
    public static (string? Revision, string ReportSha256, string Target)? ReadRevision(string stateDir, string service)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(Revision(stateDir, service)));
            var root = doc.RootElement;
            var revision = root.GetProperty("revision") is { ValueKind: JsonValueKind.String } r ? r.GetString() : null;
            var target = $"{root.GetProperty("tool").GetString()} {root.GetProperty("namespace").GetString()}/{root.GetProperty("name").GetString()}";
            return (revision, root.GetProperty("report_sha256").GetString() ?? "", target);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return null;
        }
    }
}

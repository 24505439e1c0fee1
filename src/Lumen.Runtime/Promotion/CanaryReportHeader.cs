using System.Security.Cryptography;
using System.Text.Json;

namespace Lumen.Runtime.Promotion;

/// <summary>
/// What a promotion needs from a canary report (docs/canary-records.md): its decision, whom it
/// judges, the records it judged, and the SHA-256 of its bytes (what an approval binds to).
/// </summary>
public sealed record CanaryReportHeader(string Decision, string Service, string Stage, string InputPath, string Sha256)
{
    /// <summary>Reads the report's bytes; null and the reason when they are not a canary report.</summary>
    public static CanaryReportHeader? Read(byte[] bytes, out string? error)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
        try
        {
            using var doc = JsonDocument.Parse(bytes);
            var root = doc.RootElement;
            error = null;
            return new CanaryReportHeader(
                root.GetProperty("decision").GetString() ?? "",
                root.GetProperty("service").GetString() ?? "",
                root.GetProperty("stage").GetString() ?? "",
                root.GetProperty("input").GetProperty("path").GetString() ?? "",
                sha);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            error = e.Message;
            return null;
        }
    }
}

using System.Globalization;
using System.Text;
using System.Text.Json;
using Lumen.Core.Ledger;
using Lumen.Runtime.Loop;

namespace Lumen.Cli.Health;

/// <summary>
/// The <c>mapper</c> rows of <c>lumen health</c> (docs/live.md, "Warm-up"): per service, whether the
/// running loop's mapper has the history it needs, from the newest <c>observation</c> entry of the
/// ledger (read-only). A mapper still warming up is a warning, not a failure: the loop runs, it only
/// decides nothing for that service until it is ready.
/// </summary>
internal static class MapperWarmUpCheck
{
    public static IReadOnlyList<HealthCheck> Run(string ledgerPath, IEnumerable<string> services)
    {
        if (!File.Exists(ledgerPath))
        {
            return [HealthCheck.Warn("mapper", "no ledger yet: the loop has not run, so no mapper has history")];
        }

        var latest = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        using (var stream = new FileStream(ledgerPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete))
        using (var reader = new StreamReader(stream, Encoding.UTF8))
        {
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0 && LedgerEntryParser.TryParse(Encoding.UTF8.GetBytes(line), out var entry, out _)
                    && entry!.Kind == LedgerKinds.Observation && entry.Service is { } service
                    && entry.Data.TryGetProperty("mapper", out var mapper) && mapper.ValueKind == JsonValueKind.Object)
                {
                    latest[service] = mapper.Clone();
                }
            }
        }

        return [.. services.Select(service => latest.TryGetValue(service, out var m) ? Row(service, m)
            : HealthCheck.Warn($"mapper {service}", "no observation with the mapper's state yet (the loop has not ticked for it)"))];
    }

    private static HealthCheck Row(string service, JsonElement m)
    {
        var name = $"mapper {service}";
        var history = TimeSpan.FromSeconds(m.TryGetProperty("history_seconds", out var h) && h.ValueKind == JsonValueKind.Number ? h.GetDouble() : 0);
        var needed = TimeSpan.FromSeconds(m.TryGetProperty("needed_seconds", out var n) && n.ValueKind == JsonValueKind.Number ? n.GetDouble() : 0);
        if (m.TryGetProperty("ready", out var ready) && ready.ValueKind == JsonValueKind.True)
        {
            return HealthCheck.Ok(name, $"ready ({MapperReadiness.Hours(history)} of history)");
        }

        var at = m.TryGetProperty("ready_at", out var r) && r.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(r.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            ? $", ready at {t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture)}"
            : "";
        return HealthCheck.Warn(name, $"mapper warming up: {MapperReadiness.Hours(history)} of {MapperReadiness.Hours(needed)}{at}; the loop decides nothing for {service} until then");
    }
}

using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>PromQL templates with <c>$service</c>, <c>$track</c>, <c>$window</c> and <c>$selector</c>
/// placeholders; each must return one series per (service, track). <see cref="Saturation"/> is optional.
/// An SLI with a LogQL template in <see cref="Loki"/> is read from the stage's Loki instead, and its
/// PromQL template is empty.</summary>
public sealed record SliQueries(string P95Ms, string ErrorRate, string Rps, string? Saturation)
{
    /// <summary>The SLI keys a template may be given for, in the order of <c>services.yaml</c>.</summary>
    public static ImmutableArray<string> Keys { get; } = ["p95_ms", "error_rate", "rps", "saturation"];

    /// <summary>LogQL metric-query templates by SLI key (<see cref="Keys"/>): these SLIs come from Loki.</summary>
    public ImmutableSortedDictionary<string, string> Loki { get; init; } = ImmutableSortedDictionary<string, string>.Empty;

    /// <summary>The PromQL template of an SLI key, or null when it has none (optional saturation, or read from Loki).</summary>
    public string? PromQl(string key) => key switch
    {
        "p95_ms" => P95Ms,
        "error_rate" => ErrorRate,
        "rps" => Rps,
        "saturation" => Saturation,
        _ => null,
    } is { Length: > 0 } t && !Loki.ContainsKey(key) ? t : null;

    /// <summary>Every template with its substitutions applied (the stage's <c>$selector</c>).</summary>
    public SliQueries Map(Func<string, string> render)
    {
        ArgumentNullException.ThrowIfNull(render);
        return new SliQueries(render(P95Ms), render(ErrorRate), render(Rps), Saturation is null ? null : render(Saturation))
        {
            Loki = Loki.ToImmutableSortedDictionary(kv => kv.Key, kv => render(kv.Value), StringComparer.Ordinal),
        };
    }
}

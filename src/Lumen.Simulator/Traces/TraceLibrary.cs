using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;

namespace Lumen.Simulator.Traces;

/// <summary>
/// The traces embedded in this assembly (CSV <c>timestamp,value</c>, from the Numenta Anomaly
/// Benchmark, MIT licence: NAB-LICENSE.txt). Embedded so the simulator needs no file at run time.
/// </summary>
internal static class TraceLibrary
{
    private const string Prefix = "Lumen.Simulator.Traces.";
    private static readonly ConcurrentDictionary<string, TraceData> Cache = new(StringComparer.Ordinal);

    /// <summary>The names a trace load may use.</summary>
    public static ImmutableArray<string> Names { get; } = typeof(TraceLibrary).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".csv", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".csv".Length])
        .Order(StringComparer.Ordinal)
        .ToImmutableArray();

    public static TraceData Load(string name) => Cache.GetOrAdd(name, Read);

    private static TraceData Read(string name)
    {
        using var stream = typeof(TraceLibrary).Assembly.GetManifestResourceStream(Prefix + name + ".csv")
                           ?? throw new ArgumentException($"unknown trace '{name}'; known: {string.Join(", ", Names)}", nameof(name));
        using var reader = new StreamReader(stream);
        var values = ImmutableArray.CreateBuilder<double>();
        var times = new List<DateTime>(2);
        _ = reader.ReadLine(); // header
        while (reader.ReadLine() is { } line)
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            if (comma < 0)
            {
                continue;
            }

            if (times.Count < 2)
            {
                times.Add(DateTime.Parse(line.AsSpan(0, comma), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal));
            }

            values.Add(double.Parse(line.AsSpan(comma + 1), NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        var interval = times.Count == 2 ? (times[1] - times[0]).TotalSeconds : 1800;
        return new TraceData(name, interval, values.ToImmutable());
    }
}

using System.Globalization;
using Lumen.Core.Sli;

namespace Lumen.Core.Tests.Rhythm;

/// <summary>Loads a NAB trace from TestData/traces (timestamp,value; naive timestamps read at offset 0).</summary>
internal static class TraceFile
{
    public static SliSample[] Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "TestData", "traces", name);
        return File.ReadLines(path)
            .Skip(1)
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                string[] parts = line.Split(',');
                var timestamp = DateTimeOffset.ParseExact(
                    parts[0], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
                return SliSample.FromRps(timestamp, double.Parse(parts[1], CultureInfo.InvariantCulture));
            })
            .ToArray();
    }
}

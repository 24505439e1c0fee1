using System.Globalization;

namespace Lumen.Core.Policy;

/// <summary>How values are shown in problem messages: invariant, round-trippable, quoted strings.</summary>
public static class ConfigText
{
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Quote(string value) => $"\"{value}\"";
}

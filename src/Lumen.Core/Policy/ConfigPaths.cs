namespace Lumen.Core.Policy;

/// <summary>The key paths used in problems. The YAML loader records node positions under the same
/// paths, so a problem found here is reported at the right line and column.</summary>
public static class ConfigPaths
{
    public static string Stage(string name) => $"stages.{name}";

    public static string Service(int index) => $"services[{index}]";

    public static string Knob(int service, int knob) => $"services[{service}].knobs[{knob}]";

    public static string Rule(int index) => $"rules[{index}]";
}

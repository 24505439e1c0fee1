using System.Globalization;

namespace Lumen.Adapters.Thresholds;

/// <summary>Prometheus duration strings ("90s", "5m", "1h", "1d") for whole seconds.</summary>
internal static class PromDurationText
{
    public static string Format(TimeSpan span)
    {
        var seconds = checked((long)span.TotalSeconds);
        var inv = CultureInfo.InvariantCulture;
        return seconds switch
        {
            0 => "0s",
            _ when seconds % 86400 == 0 => (seconds / 86400).ToString(inv) + "d",
            _ when seconds % 3600 == 0 => (seconds / 3600).ToString(inv) + "h",
            _ when seconds % 60 == 0 => (seconds / 60).ToString(inv) + "m",
            _ => seconds.ToString(inv) + "s",
        };
    }
}

using System.Collections.Immutable;

namespace Lumen.Adapters.Thresholds;

/// <summary>
/// One multi-window burn-rate condition: the error ratio over both windows exceeds
/// <see cref="BurnRate"/> × the error budget. The short window makes the alert stop soon after the
/// burning stops.
/// </summary>
internal readonly record struct BurnRateWindow(string LongWindow, string ShortWindow, double BurnRate, string Severity)
{
    /// <summary>
    /// The four conditions recommended by the Google SRE workbook, ch. 5 "Alerting on SLOs", §6
    /// "Multiwindow, multi-burn-rate alerts" (https://sre.google/workbook/alerting-on-slos/):
    /// 14.4× over 1h and 5m (2 % of a 30-day budget in an hour) and 6× over 6h and 30m (5 % in six
    /// hours) page; 3× over 1d and 2h (10 % in a day) and 1× over 3d and 6h (10 % in three days)
    /// open a ticket.
    /// </summary>
    public static ImmutableArray<BurnRateWindow> Workbook { get; } =
    [
        new("1h", "5m", 14.4, AlertSeverity.Page),
        new("6h", "30m", 6, AlertSeverity.Page),
        new("1d", "2h", 3, AlertSeverity.Ticket),
        new("3d", "6h", 1, AlertSeverity.Ticket),
    ];

    /// <summary>Every window a recording rule is needed for, shortest first.</summary>
    public static ImmutableArray<string> AllWindows { get; } = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"];

    /// <summary>
    /// The ticket windows recorded as the average of the recorded <see cref="DerivedFrom"/> ratio over the
    /// window rather than from the raw counters: Sloth's "optimized" SLI rule, which computes the 30-day
    /// period ratio as <c>sum_over_time(slo:sli_error:ratio_rate5m[30d]) / count_over_time(...)</c>
    /// (github.com/slok/sloth, internal/prometheus recording rules, <c>optimizedSLIRecordGenerator</c>).
    /// Reading one recorded series per service instead of days of every raw bucket and counter series is
    /// what keeps these rules cheap; the price is a time-weighted rather than request-weighted ratio, which
    /// is acceptable for tickets. The page windows (up to 6h) stay exact.
    /// </summary>
    public static ImmutableArray<string> DerivedWindows { get; } = ["1d", "3d"];

    /// <summary>The recorded window the derived ones average: the shortest, so the average loses the least.</summary>
    public const string DerivedFrom = "5m";
}

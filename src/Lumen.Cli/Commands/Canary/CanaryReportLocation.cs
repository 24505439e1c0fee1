using Lumen.Cli.Commands.Ledger;

namespace Lumen.Cli.Commands.Canary;

/// <summary>
/// Where <c>lumen canary check</c> writes its report (and the live records beside it) and where
/// <c>lumen canary promote</c> reads it when no path is given: the state directory
/// (<c>$LUMEN_STATE_DIR</c>, default <c>./state</c>), which is also where the console of
/// <c>lumen run</c> looks, so check → approval → promote need no path at all. <c>lumen canary export</c>
/// writes its records there too, so a fresh clone stays clean.
/// </summary>
internal static class CanaryReportLocation
{
    public const string FileName = "canary_report.json";

    public static string Resolve(string? option, Lumen.Core.Policy.IEnvironmentVariables environment) =>
        option is { Length: > 0 } given ? given : Path.Combine(LedgerLocation.StateDirectory(environment), FileName);

    /// <summary>Where <c>lumen canary export</c> writes its records: the option, else <c>canary_records.jsonl</c> in the state directory.</summary>
    public static string ResolveRecords(string? option, Lumen.Core.Policy.IEnvironmentVariables environment) =>
        option is { Length: > 0 } given ? given : Path.Combine(LedgerLocation.StateDirectory(environment), CanaryLiveRecords.DefaultFileName);
}

using Lumen.Reports.Ledger;

namespace Lumen.Cli.Demo;

/// <summary>What a finished demo left behind and how it went.</summary>
internal sealed record DemoResult(
    string LedgerPath,
    string MetricsPath,
    string ReportPath,
    IReadOnlyList<string> Charts,
    LedgerVerification Verification,
    long Ticks,
    TimeSpan Elapsed,
    IReadOnlyDictionary<string, long> Counts,
    IReadOnlyList<(string Service, double CanaryHealth, double BaselineHealth)> Health,
    DemoLastActResult? LastAct);

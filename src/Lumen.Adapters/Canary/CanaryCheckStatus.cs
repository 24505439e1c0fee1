namespace Lumen.Adapters.Canary;

/// <summary>How a live canary check ended (<see cref="LiveCanaryCheck.RunAsync"/>).</summary>
public enum CanaryCheckStatus
{
    /// <summary>The window was exported and judged; the report is written.</summary>
    Judged,

    /// <summary>Prometheus answered, with no data for the window: no decision, nothing written (never a pass).</summary>
    NoData,

    /// <summary>Prometheus unreachable or answering with an error: nothing written (never a pass).</summary>
    PrometheusFailed,

    /// <summary>The exported records could not be judged (e.g. one track only): nothing but the records written.</summary>
    BadInput,
}

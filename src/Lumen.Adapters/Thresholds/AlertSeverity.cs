namespace Lumen.Adapters.Thresholds;

/// <summary>The values of the <c>severity</c> label, which Alertmanager routes on.</summary>
internal static class AlertSeverity
{
    /// <summary>Wake someone: the error budget burns fast.</summary>
    public const string Page = "page";

    /// <summary>Needs a person within a working day.</summary>
    public const string Ticket = "ticket";

    /// <summary>Worth seeing, not worth interrupting for.</summary>
    public const string Warning = "warning";
}

namespace Lumen.Core.Publishing;

/// <summary>The canary verdict as published: a number so alerts and dashboards can threshold it.</summary>
public enum PublishedCanaryDecision
{
    Fail = -1,
    Inconclusive = 0,
    Pass = 1,
}

namespace Lumen.Cli.Health;

/// <summary>The outcome of one health check; the worst one decides <c>lumen health</c>'s exit code.</summary>
internal enum HealthStatus
{
    Ok,
    Warn,
    Fail,
}

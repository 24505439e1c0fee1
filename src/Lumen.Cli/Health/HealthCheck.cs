namespace Lumen.Cli.Health;

/// <summary>One row of <c>lumen health</c>: what was checked, how it went, and the detail a person acts on.</summary>
internal sealed record HealthCheck(string Name, HealthStatus Status, string Detail)
{
    public static HealthCheck Ok(string name, string detail) => new(name, HealthStatus.Ok, detail);

    public static HealthCheck Warn(string name, string detail) => new(name, HealthStatus.Warn, detail);

    public static HealthCheck Fail(string name, string detail) => new(name, HealthStatus.Fail, detail);
}

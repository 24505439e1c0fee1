namespace Lumen.Adapters.Prometheus;

/// <summary>The SLI keys of <c>services.yaml</c> (docs/configuration.md).</summary>
public static class SliNames
{
    public const string P95Ms = "p95_ms";
    public const string ErrorRate = "error_rate";
    public const string Rps = "rps";
    public const string Saturation = "saturation";
}

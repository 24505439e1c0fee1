namespace Lumen.Core.Policy;

/// <summary>The service's admin endpoint.</summary>
/// <param name="Url">Absolute http(s) URL of the admin endpoint.</param>
/// <param name="TokenEnv">Env var (or its <c>_FILE</c> twin) holding a bearer token, if any.</param>
/// <param name="TimeoutMs">Per-request timeout.</param>
public sealed record HttpExecutorSpec(Uri Url, string? TokenEnv, int TimeoutMs) : ExecutorSpec
{
    public const int DefaultTimeoutMs = 2000;

    public override string Kind => ExecutorKinds.Http;
}

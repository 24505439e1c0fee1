using Lumen.Adapters.Config;
using Lumen.Adapters.Executors;
using Lumen.Core.Adjustments;
using Lumen.Core.Policy;

namespace Lumen.Cli.Commands.Canary;

/// <summary>A service's two executors, built from its config, for promotion and canary rollback.</summary>
internal sealed record PromotionTargets(ServiceConfig Service, IExecutor Canary, IExecutor Baseline)
{
    public static PromotionTargets? Build(ServiceConfig service, HttpClient http, IEnvironmentVariables env, TimeProvider time, out string? error)
    {
        if (service.Executors.Baseline is null)
        {
            error = $"service {service.Name} has no baseline executor in services.yaml: nothing can be promoted";
            return null;
        }

        var factory = new ExecutorFactory(http, time);
        var secrets = new SecretReader(env);
        var (canary, canaryError) = ExecutorSpecs.Create(factory, secrets, service.Name, "canary", service.Executors.Canary);
        var (baseline, baselineError) = ExecutorSpecs.Create(factory, secrets, service.Name, "baseline", service.Executors.Baseline);
        error = canaryError ?? baselineError;
        return error is null ? new PromotionTargets(service, canary!, baseline!) : null;
    }

    public string Describe(string track)
    {
        var spec = track == "baseline" ? Service.Executors.Baseline! : Service.Executors.Canary;
        return $"{spec.Kind} {ExecutorSpecs.Target(spec)}";
    }
}

using System.Collections.Immutable;
using System.Globalization;
using Lumen.Cli.Demo;
using Lumen.Simulator.Environments;

namespace Lumen.Cli.Bench.Loop;

/// <summary>
/// N simulated services with the shipped shape: the <c>steady</c> environment's services (their
/// models, knobs and daily load) repeated in turn, named <c>checkout-00001</c>, <c>search-00002</c>, ….
/// </summary>
internal static class LoopBenchServices
{
    public const string Environment = "steady";

    public static SimEnvironment For(int services, DateTimeOffset start)
    {
        var loaded = SimEnvironments.Loader.Load(Environment);
        var shipped = loaded.Environment ?? throw new InvalidOperationException($"the shipped environment '{Environment}' does not load: {string.Join("; ", loaded.Errors)}");
        var specs = ImmutableArray.CreateBuilder<ServiceSpec>(services);
        for (var i = 0; i < services; i++)
        {
            var template = shipped.Services[i % shipped.Services.Length];
            specs.Add(template with { Name = string.Create(CultureInfo.InvariantCulture, $"{template.Name}-{i + 1:D5}") });
        }

        return shipped with { Name = $"{Environment}-x{services}", Start = start, Services = specs.MoveToImmutable(), Regressions = [] };
    }
}

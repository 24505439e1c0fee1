using System.Collections.Immutable;
using System.Text.Json;
using Lumen.Core.Decisions;
using Lumen.Core.Decisions.Tuner;
using Lumen.Core.Policy;
using Lumen.Core.State;
using Lumen.Core.Json;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The value-level tuner's saved state: <c>models/tuner.json</c> in the state directory, per service
/// the knobs it was learnt for, the decision counter and the model's observations (oldest first),
/// written atomically after every learnt block, so a restart keeps what was learnt.
/// </summary>
internal static class TunerStore
{
    private static readonly System.Text.Json.JsonSerializerOptions Options = DecisionJson.Create(Json.RuntimeJsonContext.Default);

    public const string FileName = "models/tuner.json";
    public const string FormatName = "lumen.tuner.services";

    public static async Task<(Dictionary<string, TrialTuner> Tuners, List<string> Notes)> LoadAsync(
        IStateFiles files, IEnumerable<ServiceConfig> services, TunerSettings settings, ulong seed, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var saved = new Dictionary<string, ServiceState>(StringComparer.Ordinal);
        if (await files.ReadAsync(FileName, cancellationToken).ConfigureAwait(false) is { } json)
        {
            try
            {
                var file = JsonSerializer.Deserialize(json, Options.TypeInfo<TunerFile>());
                if (file is { Format: FormatName, Services: not null })
                {
                    foreach (var (name, state) in file.Services)
                    {
                        saved[name] = state;
                    }
                }
                else
                {
                    notes.Add($"{FileName} is not a {FormatName} file; the tuner starts fresh");
                }
            }
            catch (JsonException e)
            {
                notes.Add($"{FileName} cannot be read ({e.Message}); the tuner starts fresh");
            }
        }

        var tuners = new Dictionary<string, TrialTuner>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var tuner = new TrialTuner(Axes(service), settings, seed);
            tuners[service.Name] = tuner;
            if (!saved.TryGetValue(service.Name, out var state))
            {
                continue;
            }

            var knobs = service.Knobs.Select(k => k.Name).ToList();
            if (state.Knobs is null || !state.Knobs.SequenceEqual(knobs) || state.Observations is null
                || state.Observations.Any(o => o.Z is null || o.Z.Length != tuner.Model.Dimension || !double.IsFinite(o.Y) || !double.IsFinite(o.Noise)))
            {
                notes.Add($"{service.Name}: the saved tuner state does not match the configured knobs; the tuner starts fresh");
                continue;
            }

            foreach (var o in state.Observations)
            {
                tuner.Model.Add(o.Z, o.Y, o.Noise);
            }

            tuner.Decisions = state.Decisions;
            notes.Add($"{service.Name}: tuner resumed with {tuner.Model.Count} observation(s)");
        }

        return (tuners, notes);
    }

    public static Task SaveAsync(IStateFiles files, IEnumerable<ServiceMemory> services, CancellationToken cancellationToken)
    {
        var file = new TunerFile(FormatName, 1, services.Where(s => s.Tuner is not null).ToImmutableSortedDictionary(
            s => s.Service.Name,
            s => new ServiceState(
                [.. s.Service.Knobs.Select(k => k.Name)], s.Tuner!.Decisions,
                [.. s.Tuner.Model.Observations().Select(o => new Observation(o.Z, o.Y, o.Noise))]),
            StringComparer.Ordinal));
        return files.WriteAsync(FileName, JsonSerializer.Serialize(file, Options.TypeInfo<TunerFile>()), cancellationToken);
    }

    /// <summary>The tuner's view of a service's knobs.</summary>
    public static ImmutableArray<KnobAxis> Axes(ServiceConfig service) =>
        [.. service.Knobs.Select(k => new KnobAxis(k.Name, k.Min, k.Max, k.Step, k.Integer))];

    internal sealed record TunerFile(string Format, int Version, ImmutableSortedDictionary<string, ServiceState>? Services);

    internal sealed record ServiceState(string[]? Knobs, long Decisions, Observation[]? Observations);

    internal sealed record Observation(double[] Z, double Y, double Noise);
}

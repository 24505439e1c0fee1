using System.Collections.Immutable;
using System.Text.Json;
using Lumen.Core.Decisions;
using Lumen.Core.Decisions.Bandit;
using Lumen.Core.Rhythm;
using Lumen.Core.State;
using Lumen.Core.Json;

namespace Lumen.Runtime.Loop;

/// <summary>
/// The bandits' saved state: <c>models/linucb.json</c> in the state directory, one LinUCB model per
/// service (docs/bandit.md "Saved state" is the format of each), written atomically after updates.
/// </summary>
internal static class BanditStore
{
    public const string FileName = "models/linucb.json";
    public const string FormatName = "lumen.linucb.services";

    private static readonly System.Text.Json.JsonSerializerOptions Options = DecisionJson.Create(Json.RuntimeJsonContext.Default);

    /// <summary>Loads each service's model; a missing, foreign or mismatched one (knobs changed) starts fresh, with a note why.</summary>
    public static async Task<(Dictionary<string, LinUcbModel> Models, List<string> Notes)> LoadAsync(
        IStateFiles files, IEnumerable<Lumen.Core.Policy.ServiceConfig> services, ulong seed, CancellationToken cancellationToken)
    {
        var notes = new List<string>();
        var saved = new Dictionary<string, LinUcbState>(StringComparer.Ordinal);
        if (await files.ReadAsync(FileName, cancellationToken).ConfigureAwait(false) is { } json)
        {
            try
            {
                var file = JsonSerializer.Deserialize(json, Options.TypeInfo<ModelFile>());
                if (file is { Format: FormatName, Services: not null })
                {
                    foreach (var (name, state) in file.Services)
                    {
                        saved[name] = state;
                    }
                }
                else
                {
                    notes.Add($"{FileName} is not a {FormatName} file; starting fresh models");
                }
            }
            catch (JsonException e)
            {
                notes.Add($"{FileName} cannot be read ({e.Message}); starting fresh models");
            }
        }

        var models = new Dictionary<string, LinUcbModel>(StringComparer.Ordinal);
        foreach (var service in services)
        {
            var knobs = service.Knobs.Select(k => k.Name).ToList();
            var fresh = LinUcbModel.Create(Arm.ForKnobs(knobs), FeatureLayout.Dimension(knobs.Count), seed);
            models[service.Name] = fresh;
            if (!saved.TryGetValue(service.Name, out var state))
            {
                continue;
            }

            var loaded = LinUcbModel.FromState(state);
            if (!loaded.IsOk)
            {
                notes.Add($"{service.Name}: saved model refused ({loaded.Error}); starting fresh");
            }
            else if (loaded.Value.Dimension != fresh.Dimension || !loaded.Value.Arms.SequenceEqual(fresh.Arms))
            {
                notes.Add($"{service.Name}: saved model's arms do not match the configured knobs; starting fresh");
            }
            else
            {
                models[service.Name] = loaded.Value;
            }
        }

        return (models, notes);
    }

    public static Task SaveAsync(IStateFiles files, IEnumerable<ServiceMemory> services, CancellationToken cancellationToken)
    {
        var file = new ModelFile(FormatName, 1, services.ToImmutableSortedDictionary(
            s => s.Service.Name, s => s.Bandit.ToState(), StringComparer.Ordinal));
        return files.WriteAsync(FileName, JsonSerializer.Serialize(file, Options.TypeInfo<ModelFile>()), cancellationToken);
    }

    internal sealed record ModelFile(string Format, int Version, ImmutableSortedDictionary<string, LinUcbState>? Services);
}

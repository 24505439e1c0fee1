using System.Collections.Immutable;
using System.Runtime.CompilerServices;

namespace Lumen.Core.Adjustments;

/// <summary>
/// The open adjustments of an <see cref="AdjustmentBook"/> by service and by trial: the loop asks
/// "what is open for this service" once or twice per service per tick, and scanning every open
/// adjustment for each made the tick O(services × open adjustments), quadratic in the fleet. An
/// index belongs to one <c>Open</c> dictionary instance (a book's <c>Open</c> is immutable) and is
/// carried forward, entry by entry, when the book opens or closes an adjustment; a book built
/// another way (a snapshot) gets one on its first question.
/// </summary>
internal sealed class OpenIndex
{
    private static readonly ConditionalWeakTable<ImmutableSortedDictionary<string, Adjustment>, OpenIndex> Indexes = [];

    private readonly ImmutableDictionary<string, ImmutableArray<string>> _byService;
    private readonly ImmutableDictionary<string, ImmutableArray<string>> _byTrial;

    private OpenIndex(ImmutableDictionary<string, ImmutableArray<string>> byService, ImmutableDictionary<string, ImmutableArray<string>> byTrial)
    {
        _byService = byService;
        _byTrial = byTrial;
    }

    /// <summary>The index of <paramref name="open"/>, built on first use.</summary>
    public static OpenIndex Of(ImmutableSortedDictionary<string, Adjustment> open) =>
        Indexes.GetValue(open, static o => Build(o));

    /// <summary>The ids of the service's open adjustments, in id order (the order of <c>Open</c>).</summary>
    public ImmutableArray<string> OfService(string service) => _byService.GetValueOrDefault(service, []);

    /// <summary>The ids of the trial's open adjustments, in id order.</summary>
    public ImmutableArray<string> OfTrial(string trial) => _byTrial.GetValueOrDefault(trial, []);

    /// <summary><paramref name="open"/> with <paramref name="adjustment"/> set, its index carried forward.</summary>
    public static ImmutableSortedDictionary<string, Adjustment> Set(ImmutableSortedDictionary<string, Adjustment> open, Adjustment adjustment)
    {
        var next = open.SetItem(adjustment.Id, adjustment);
        if (!ReferenceEquals(next, open) && Indexes.TryGetValue(open, out var index))
        {
            // An adjustment's id, service and trial never change: only a new id changes the index.
            Indexes.AddOrUpdate(next, open.ContainsKey(adjustment.Id) ? index : index.With(adjustment));
        }

        return next;
    }

    /// <summary><paramref name="open"/> without <paramref name="adjustment"/>, its index carried forward.</summary>
    public static ImmutableSortedDictionary<string, Adjustment> Remove(ImmutableSortedDictionary<string, Adjustment> open, Adjustment adjustment)
    {
        var next = open.Remove(adjustment.Id);
        if (!ReferenceEquals(next, open) && Indexes.TryGetValue(open, out var index))
        {
            Indexes.AddOrUpdate(next, index.Without(adjustment));
        }

        return next;
    }

    private static OpenIndex Build(ImmutableSortedDictionary<string, Adjustment> open)
    {
        var byService = new Dictionary<string, ImmutableArray<string>.Builder>(StringComparer.Ordinal);
        var byTrial = new Dictionary<string, ImmutableArray<string>.Builder>(StringComparer.Ordinal);
        foreach (var a in open.Values)
        {
            Add(byService, a.Service, a.Id);
            if (a.Intent.Trial is { } trial)
            {
                Add(byTrial, trial, a.Id);
            }
        }

        return new OpenIndex(
            byService.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToImmutable(), StringComparer.Ordinal),
            byTrial.ToImmutableDictionary(kv => kv.Key, kv => kv.Value.ToImmutable(), StringComparer.Ordinal));

        static void Add(Dictionary<string, ImmutableArray<string>.Builder> map, string key, string id)
        {
            if (!map.TryGetValue(key, out var ids))
            {
                map[key] = ids = ImmutableArray.CreateBuilder<string>();
            }

            ids.Add(id);
        }
    }

    private OpenIndex With(Adjustment a) => new(
        Insert(_byService, a.Service, a.Id),
        a.Intent.Trial is { } trial ? Insert(_byTrial, trial, a.Id) : _byTrial);

    private OpenIndex Without(Adjustment a) => new(
        Delete(_byService, a.Service, a.Id),
        a.Intent.Trial is { } trial ? Delete(_byTrial, trial, a.Id) : _byTrial);

    private static ImmutableDictionary<string, ImmutableArray<string>> Insert(ImmutableDictionary<string, ImmutableArray<string>> map, string key, string id)
    {
        var ids = map.GetValueOrDefault(key, []);
        var at = ImmutableArray.BinarySearch(ids, id, StringComparer.Ordinal);
        return at >= 0 ? map : map.SetItem(key, ids.Insert(~at, id));
    }

    private static ImmutableDictionary<string, ImmutableArray<string>> Delete(ImmutableDictionary<string, ImmutableArray<string>> map, string key, string id)
    {
        var ids = map.GetValueOrDefault(key, []);
        var at = ImmutableArray.BinarySearch(ids, id, StringComparer.Ordinal);
        if (at < 0)
        {
            return map;
        }

        return ids.Length == 1 ? map.Remove(key) : map.SetItem(key, ids.RemoveAt(at));
    }
}

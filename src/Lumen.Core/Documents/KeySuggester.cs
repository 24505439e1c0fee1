namespace Lumen.Core.Documents;

/// <summary>"Did you mean …?" for unknown keys: the known key at the smallest edit distance
/// (Levenshtein), if it is close enough to be a plausible typo.</summary>
public static class KeySuggester
{
    public static string? Nearest(string key, IReadOnlyCollection<string> known)
    {
        // A truncated key (timeout for timeout_ms) is the commonest slip after a typo.
        if (key.Length >= 3 && known.Where(k => k.StartsWith(key, StringComparison.OrdinalIgnoreCase)).ToList() is [var only])
        {
            return only;
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in known)
        {
            var d = Distance(key, candidate);
            if (d < bestDistance)
            {
                (best, bestDistance) = (candidate, d);
            }
        }

        var allowed = Math.Max(2, key.Length / 3);
        return bestDistance <= allowed ? best : null;
    }

    public static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}

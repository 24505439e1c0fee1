namespace Lumen.Core.Publishing;

/// <summary>Orders label-value tuples ordinally, element by element, so output never depends on culture or input order.</summary>
internal sealed class LabelValuesComparer : IComparer<string[]>
{
    public static readonly LabelValuesComparer Instance = new();

    public int Compare(string[]? x, string[]? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            var c = string.CompareOrdinal(x[i], y[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return x.Length.CompareTo(y.Length);
    }
}

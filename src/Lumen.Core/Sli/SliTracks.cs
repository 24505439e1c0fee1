namespace Lumen.Core.Sli;

/// <summary>The two tracks of a service: tuning happens on the canary, the baseline is the reference.</summary>
public static class SliTracks
{
    public const string Baseline = "baseline";

    public const string Canary = "canary";
}

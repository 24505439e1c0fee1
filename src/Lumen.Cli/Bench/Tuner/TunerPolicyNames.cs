using System.Collections.Immutable;

namespace Lumen.Cli.Bench.Tuner;

/// <summary>The policies <c>lumen bench tuner</c> compares, in report order.</summary>
internal static class TunerPolicyNames
{
    public const string Static = "static";
    public const string Random = "random";
    public const string EpsilonGreedy = "epsilon-greedy";
    public const string LinUcb = "linucb";
    public const string ConservativeLinUcb = "conservative-linucb";
    public const string Oracle = "oracle";

    /// <summary>The loop's default tuner (value-level trials around the canary's incumbent).</summary>
    public const string Lumen = "lumen";

    public static ImmutableArray<string> All { get; } = [Static, Random, EpsilonGreedy, LinUcb, ConservativeLinUcb, Oracle, Lumen];

    /// <summary>The name shown in the table: the first tuner is <c>linucb-v1</c> there (its JSON key stays <c>linucb</c>).</summary>
    public static string Display(string policy) => policy switch
    {
        LinUcb => "linucb-v1",
        ConservativeLinUcb => "conservative-linucb-v1",
        _ => policy,
    };

    /// <summary>The policy a name given to <c>--policy</c> means (a JSON key or a display name), or null.</summary>
    public static string? Parse(string name) => All.FirstOrDefault(p =>
        string.Equals(p, name, StringComparison.OrdinalIgnoreCase) || string.Equals(Display(p), name, StringComparison.OrdinalIgnoreCase));
}

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

    public static ImmutableArray<string> All { get; } = [Static, Random, EpsilonGreedy, LinUcb, ConservativeLinUcb, Oracle];
}

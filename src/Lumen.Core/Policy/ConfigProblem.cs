namespace Lumen.Core.Policy;

/// <summary>One thing wrong with the configuration, found without looking at YAML.</summary>
/// <param name="Source">A <see cref="ConfigFiles"/> name, or <see cref="ConfigFiles.Environment"/>.</param>
/// <param name="Path">The key path, e.g. <c>stages.prod.policy.reward_mix_lambda</c> or
/// <c>services[0].knobs[2].default</c>; for the environment, the variable name.</param>
/// <param name="Message">What was expected and what was found.</param>
public sealed record ConfigProblem(string Source, string Path, string Message)
{
    public override string ToString() => $"{Source}: {Path}: {Message}";
}

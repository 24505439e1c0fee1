using System.Collections.Immutable;

namespace Lumen.Core.Policy;

/// <summary>Every value and cross-file check of a whole configuration, optionally for one stage.</summary>
public static class ConfigValidator
{
    public static ImmutableArray<ConfigProblem> Validate(LumenConfig config, string? stage = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = ImmutableArray.CreateBuilder<ConfigProblem>();
        problems.AddRange(StageMatrixValidator.Validate(config.StageMatrix));
        problems.AddRange(ServiceCatalogValidator.Validate(config.Services));
        problems.AddRange(CanaryPolicyValidator.Validate(config.CanaryPolicy, config.StageMatrix));
        problems.AddRange(FeedbackRulesValidator.Validate(config.FeedbackRules, config.Services, config.StageMatrix));
        if (stage is not null)
        {
            problems.AddRange(ValidateStage(config, stage));
        }

        return problems.ToImmutable();
    }

    /// <summary>A stage that is run must exist in the matrix and have a canary policy.</summary>
    public static ImmutableArray<ConfigProblem> ValidateStage(LumenConfig config, string stage)
    {
        ArgumentNullException.ThrowIfNull(config);
        var problems = ImmutableArray.CreateBuilder<ConfigProblem>();
        var known = string.Join(", ", config.StageMatrix.Stages.Select(s => s.Name));
        if (config.StageMatrix.Find(stage) is null)
        {
            problems.Add(new ConfigProblem(ConfigFiles.StageMatrix, "stages", $"expected a stage named {ConfigText.Quote(stage)} (known: {known}), found none"));
        }
        else if (config.CanaryPolicy.Find(stage) is null)
        {
            problems.Add(new ConfigProblem(ConfigFiles.CanaryPolicy, "stages", $"expected a canary policy for stage {ConfigText.Quote(stage)}, found none"));
        }

        return problems.ToImmutable();
    }
}

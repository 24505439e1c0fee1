using System.Collections.Immutable;
using Lumen.Adapters.Config.Yaml;
using Lumen.Core.Documents;
using Lumen.Core.Policy;

namespace Lumen.Adapters.Config;

/// <summary>Loads and validates the four files of a config directory. Bad input comes back as
/// <see cref="ConfigError"/> values with file, line, column and key path; nothing is thrown for it.
/// Steps: read each file into a positioned YAML tree → map it to records (keys, types, required keys)
/// → run the core's value and cross-file validators and place their problems at the right node.</summary>
public static class ConfigLoader
{
    public static ConfigLoadResult Load(string configDir)
    {
        ArgumentNullException.ThrowIfNull(configDir);
        if (!Directory.Exists(configDir))
        {
            var error = new ConfigError(configDir, 0, 0, "", $"expected a config directory with {string.Join(", ", ConfigFiles.All)}, found no such directory");
            return new ConfigLoadResult(null, [error]);
        }

        var files = ConfigFiles.All.ToDictionary(f => f, f => new NodeReader(Path.Combine(configDir, f)), StringComparer.Ordinal);
        var matrix = Read(files[ConfigFiles.StageMatrix], StageMatrixReader.Read);
        var services = Read(files[ConfigFiles.Services], ServicesReader.Read);
        var canary = Read(files[ConfigFiles.CanaryPolicy], CanaryPolicyReader.Read);
        var rules = Read(files[ConfigFiles.FeedbackRules], FeedbackRulesReader.Read);

        var problems = new List<ConfigProblem>();
        if (matrix is not null)
        {
            problems.AddRange(StageMatrixValidator.Validate(matrix));
        }

        if (services is not null)
        {
            problems.AddRange(ServiceCatalogValidator.Validate(services));
        }

        // Cross-file checks run only against a file that could be read at all.
        if (canary is not null)
        {
            problems.AddRange(CanaryPolicyValidator.Validate(canary, matrix));
        }

        if (rules is not null)
        {
            problems.AddRange(FeedbackRulesValidator.Validate(rules, services, matrix));
        }

        foreach (var problem in problems)
        {
            files[problem.Source].Report(problem);
        }

        // File by file, in reading order, so the output can be fixed top to bottom.
        var errors = ConfigFiles.All
            .SelectMany(f => files[f].Errors.OrderBy(e => e.Line).ThenBy(e => e.Column))
            .ToImmutableArray();
        var complete = matrix is not null && services is not null && canary is not null && rules is not null;
        var config = errors.IsEmpty && complete ? new LumenConfig(matrix!, services!, canary!, rules!) : null;
        return new ConfigLoadResult(config, errors);
    }

    private static T? Read<T>(NodeReader reader, Func<YNode, NodeReader, T?> map)
        where T : class
    {
        string text;
        try
        {
            if (YamlTreeReader.SizeProblem(new FileInfo(reader.File).Length) is { } tooLarge)
            {
                reader.Error(new YPosition(0, 0), "", tooLarge);
                return null;
            }

            text = File.ReadAllText(reader.File);
        }
        catch (FileNotFoundException)
        {
            reader.Error(new YPosition(0, 0), "", "expected this file in the config directory, found no such file");
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            reader.Error(new YPosition(0, 0), "", $"could not read the file: {ex.Message}");
            return null;
        }

        var (root, problems) = YamlTreeReader.Read(text);
        foreach (var p in problems)
        {
            reader.Error(p.Position, p.Path, p.Message);
        }

        return root is null ? null : map(root, reader);
    }
}

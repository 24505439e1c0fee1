using System.Collections.Immutable;
using Lumen.Core.Documents;

namespace Lumen.Simulator.Environments;

/// <summary>
/// Loads environments: from any YAML file, from text, or by name from the ones shipped in
/// sim/envs/ (embedded in this assembly, so <c>lumen demo</c> needs no files). The text is read into
/// the core's node tree by the <see cref="NodeTreeReader"/> it is given (the adapters' YAML reader,
/// composed by the CLI and the tests: the simulator itself references no YAML library), and the schema
/// is read from the tree through the core's error-collecting <see cref="NodeReader"/>, as the
/// configuration files are.
/// </summary>
public sealed class EnvironmentLoader(NodeTreeReader readTree)
{
    private const string Prefix = "Lumen.Simulator.Envs.";

    /// <summary>The largest environment file accepted, in bytes (4 MiB; a trace belongs in its CSV file).</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>The most nodes an environment may have with its aliases expanded (a 4 MiB file without aliases has about two million at most).</summary>
    public const long MaxExpandedNodes = 4_000_000;

    /// <summary>The names of the shipped environments (steady, nyc-taxi, bursty, bad-release...).</summary>
    public static ImmutableArray<string> EmbeddedNames { get; } = typeof(EnvironmentLoader).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".yaml".Length])
        .Order(StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>A path to a YAML file if one exists there, else the name of a shipped environment.</summary>
    public EnvironmentLoadResult Load(string pathOrName)
    {
        ArgumentNullException.ThrowIfNull(pathOrName);
        if (File.Exists(pathOrName))
        {
            return LoadFile(pathOrName);
        }

        return EmbeddedNames.Contains(pathOrName, StringComparer.Ordinal)
            ? LoadEmbedded(pathOrName)
            : EnvironmentLoadResult.Failure(pathOrName, $"no such file, and no shipped environment of that name (shipped: {string.Join(", ", EmbeddedNames)})");
    }

    public EnvironmentLoadResult LoadFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            var length = new FileInfo(path).Length;
            if (length > MaxBytes)
            {
                return EnvironmentLoadResult.Failure(path, $"expected an environment file of at most {MaxBytes} bytes, found {length} bytes; not read");
            }

            text = File.ReadAllText(path);
        }
        catch (IOException e)
        {
            return EnvironmentLoadResult.Failure(path, e.Message);
        }
        catch (UnauthorizedAccessException e)
        {
            return EnvironmentLoadResult.Failure(path, e.Message);
        }

        return Parse(text, path, Path.GetDirectoryName(Path.GetFullPath(path)));
    }

    public EnvironmentLoadResult LoadEmbedded(string name)
    {
        using var stream = typeof(EnvironmentLoader).Assembly.GetManifestResourceStream(Prefix + name + ".yaml");
        if (stream is null)
        {
            return EnvironmentLoadResult.Failure($"embedded:{name}", $"no shipped environment '{name}' (shipped: {string.Join(", ", EmbeddedNames)})");
        }

        using var reader = new StreamReader(stream);
        return Parse(reader.ReadToEnd(), $"embedded:{name}");
    }

    /// <summary>Parses and validates environment YAML; <paramref name="source"/> names it in errors. Relative
    /// paths in it (a trace's CSV file) are resolved against the current directory.</summary>
    public EnvironmentLoadResult Parse(string yaml, string source) => Parse(yaml, source, null);

    /// <summary>Parses and validates environment YAML; relative paths in it are resolved against
    /// <paramref name="baseDirectory"/> (the current directory when null).</summary>
    public EnvironmentLoadResult Parse(string yaml, string source, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(source);
        var tree = readTree(yaml, MaxExpandedNodes);
        var nodes = new NodeReader(source);
        foreach (var problem in tree.Problems)
        {
            nodes.Error(problem.Position, problem.Path, problem.Message);
        }

        var environment = tree.Root is { } root
            ? new EnvironmentParser(new EnvironmentReader(nodes), source, baseDirectory ?? Directory.GetCurrentDirectory()).Parse(root)
            : null;
        return nodes.Errors.Count == 0 && environment is not null
            ? new EnvironmentLoadResult(environment, [])
            : new EnvironmentLoadResult(null, [.. nodes.Errors.Select(EnvironmentError.From)]);
    }
}

using System.Collections.Immutable;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Lumen.Simulator.Environments;

/// <summary>
/// Loads environments: from any YAML file, from text, or by name from the ones shipped in
/// sim/envs/ (embedded in this assembly, so <c>lumen demo</c> needs no files).
/// </summary>
public static class EnvironmentLoader
{
    private const string Prefix = "Lumen.Simulator.Envs.";

    /// <summary>The largest environment file accepted, in bytes (4 MiB; a trace belongs in its CSV file).</summary>
    public const long MaxBytes = 4 * 1024 * 1024;

    /// <summary>The names of the shipped environments (steady, nyc-taxi, bursty, bad-release...).</summary>
    public static ImmutableArray<string> EmbeddedNames { get; } = typeof(EnvironmentLoader).Assembly
        .GetManifestResourceNames()
        .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".yaml", StringComparison.Ordinal))
        .Select(n => n[Prefix.Length..^".yaml".Length])
        .Order(StringComparer.Ordinal)
        .ToImmutableArray();

    /// <summary>A path to a YAML file if one exists there, else the name of a shipped environment.</summary>
    public static EnvironmentLoadResult Load(string pathOrName)
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

    public static EnvironmentLoadResult LoadFile(string path)
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

    public static EnvironmentLoadResult LoadEmbedded(string name)
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
    public static EnvironmentLoadResult Parse(string yaml, string source) => Parse(yaml, source, null);

    /// <summary>Parses and validates environment YAML; relative paths in it are resolved against
    /// <paramref name="baseDirectory"/> (the current directory when null).</summary>
    public static EnvironmentLoadResult Parse(string yaml, string source, string? baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        ArgumentNullException.ThrowIfNull(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(yaml))));
        }
        catch (YamlException e)
        {
            return new EnvironmentLoadResult(null, [new EnvironmentError(source, (int)e.Start.Line, (int)e.Start.Column, e.InnerException?.Message ?? e.Message)]);
        }
        catch (InvalidOperationException e)
        {
            // YamlDotNet's scanner throws this (without a position) on some malformed flow collections.
            return EnvironmentLoadResult.Failure(source, $"not valid YAML: {e.Message}");
        }

        if (stream.Documents.Count != 1)
        {
            return EnvironmentLoadResult.Failure(source, "expected exactly one YAML document");
        }

        var reader = new YamlReader(source);
        var environment = new EnvironmentParser(reader, source, baseDirectory ?? Directory.GetCurrentDirectory()).Parse(stream.Documents[0].RootNode);
        return reader.Errors.Count == 0 && environment is not null
            ? new EnvironmentLoadResult(environment, [])
            : new EnvironmentLoadResult(null, [.. reader.Errors]);
    }
}

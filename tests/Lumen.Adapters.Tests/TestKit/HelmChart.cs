using System.Diagnostics;

namespace Lumen.Adapters.Tests.TestKit;

/// <summary>
/// Renders deploy/helm/lumen like <c>helm template</c>: values.yaml deep-merged with overrides, the
/// built-in objects (.Release, .Chart), every template but the <c>_</c> partials. No helm binary is
/// packaged for this machine, so <see cref="GoTemplate"/> does the rendering; <see cref="RenderWithHelm"/>
/// uses the real helm when one is on the PATH.
/// </summary>
internal static class HelmChart
{
    public const string Release = "lumen";
    public const string Namespace = "lumen-system";

    public static string Directory => Path.Combine(Config.ConfigFixtures.RepoRoot, "deploy", "helm", "lumen");

    public static List<Dictionary<string, object?>> Render(string overrides = "") => Documents(RenderText(overrides));

    /// <summary>The rendered manifests as text, documents separated by <c>---</c>.</summary>
    public static string RenderText(string overrides = "")
    {
        var values = (Dictionary<string, object?>)MiniYaml.Read(File.ReadAllText(Path.Combine(Directory, "values.yaml")))!;
        if (MiniYaml.Read(overrides) is Dictionary<string, object?> extra)
        {
            values = MiniYaml.Merge(values, extra);
        }

        var chart = (Dictionary<string, object?>)MiniYaml.Read(File.ReadAllText(Path.Combine(Directory, "Chart.yaml")))!;
        var root = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Values"] = values,
            ["Release"] = new Dictionary<string, object?> { ["Name"] = Release, ["Namespace"] = Namespace, ["Service"] = "Helm" },
            ["Chart"] = new Dictionary<string, object?>
            {
                ["Name"] = chart["name"], ["Version"] = chart["version"], ["AppVersion"] = chart["appVersion"],
            },
        };
        var template = new GoTemplate();
        var files = System.IO.Directory.GetFiles(Path.Combine(Directory, "templates")).Order(StringComparer.Ordinal).ToList();
        var parsed = files.Select(f => (File: f, Tree: template.Parse(File.ReadAllText(f)))).ToList();
        var output = string.Join("\n---\n", parsed
            .Where(p => !Path.GetFileName(p.File).StartsWith('_'))
            .Select(p => template.Render(p.Tree, root)));
        return output;
    }

    /// <summary>The real <c>helm template</c>, or null when no helm is installed.</summary>
    public static List<Dictionary<string, object?>>? RenderWithHelm(string overridesFile)
    {
        var helm = Environment.GetEnvironmentVariable("PATH")?.Split(':').Select(d => Path.Combine(d, "helm")).FirstOrDefault(File.Exists);
        if (helm is null)
        {
            return null;
        }

        var start = new ProcessStartInfo(helm) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "template", Release, Directory, "--namespace", Namespace, "-f", overridesFile })
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? Documents(stdout) : throw new InvalidOperationException($"helm template failed: {stderr}");
    }

    public static List<Dictionary<string, object?>> Documents(string yaml) =>
        [.. MiniYaml.ReadAll(yaml).OfType<Dictionary<string, object?>>()];
}

using System.Diagnostics;
using Lumen.Core.Policy;
using Spectre.Console.Testing;

namespace Lumen.Cli.Tests.Commands;

/// <summary>
/// A temp directory holding a copy of the repository's config/, where the params and thresholds
/// commands can write; runs the CLI in process (stdout captured) or as the real <c>lumen</c> binary.
/// </summary>
internal sealed class CliSandbox : IDisposable
{
    public CliSandbox(string name = "sandbox")
    {
        Root = Path.Combine(Path.GetTempPath(), $"lumen-cli-{Guid.NewGuid():N}", name);
        ConfigDir = Path.Combine(Root, "config");
        Directory.CreateDirectory(ConfigDir);
        foreach (var file in Directory.GetFiles(Path.Combine(RepoRoot, "config"), "*.yaml"))
        {
            File.Copy(file, Path.Combine(ConfigDir, Path.GetFileName(file)));
        }
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    public string Root { get; }

    public string ConfigDir { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Runs <c>lumen ARGS</c> in process with only <paramref name="env"/> as its environment.</summary>
    public (int ExitCode, string StdOut) Run(IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = 500;
        var code = LumenApp.Run(args, console, new DictionaryEnvironmentVariables(env ?? new Dictionary<string, string>()));
        return (code, console.Output);
    }

    /// <summary>Runs a bash script with the built <c>lumen</c> on PATH (as a function), in <see cref="Root"/>.</summary>
    public (int ExitCode, string StdOut, string StdErr) Bash(string script)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "lumen.dll");
        var psi = new ProcessStartInfo("bash") { WorkingDirectory = Root, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add($"lumen() {{ dotnet '{dll}' \"$@\"; }}\n{script}");
        foreach (var name in new[] { EnvVars.Stage, EnvVars.ConfigDir, EnvVars.PrometheusUrl, EnvVars.RewardMixLambda, EnvVars.DryRun, EnvVars.SafeApply, EnvVars.ApprovalRequired })
        {
            psi.Environment.Remove(name);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(Root)!, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Lumen.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Lumen.slnx not found");
    }
}

using System.Diagnostics;

namespace Lumen.Cli.Tests.Deploy;

/// <summary>Runs a real program (bash, systemd-analyze, node, openssl) and captures its output.
/// Tools missing here are installed by scripts/ensure-test-deps.sh (make test).</summary>
internal static class Tool
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string Describe(string what) => $"{what} exited {ExitCode}\nstdout:\n{StdOut}\nstderr:\n{StdErr}";
    }

    public static Result Run(string file, string workingDirectory, IReadOnlyDictionary<string, string>? env, params string[] args)
    {
        var psi = new ProcessStartInfo(file)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in args)
        {
            psi.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in env ?? new Dictionary<string, string>())
        {
            psi.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(psi)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{file} is not installed: run scripts/ensure-test-deps.sh ({e.Message})", e);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            process.WaitForExit();
            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }

    public static Result Bash(string script, string workingDirectory, IReadOnlyDictionary<string, string>? env = null) =>
        Run("bash", workingDirectory, env, "-euo", "pipefail", "-c", script);

    /// <summary>A node script of scripts/node (its packages installed by ensure-test-deps.sh).</summary>
    public static Result Node(string script, string workingDirectory, params string[] args)
    {
        var path = Path.Combine(RepoRoot, "scripts", "node", script);
        if (!Directory.Exists(Path.Combine(RepoRoot, "scripts", "node", "node_modules")))
        {
            throw new InvalidOperationException("scripts/node/node_modules is missing: run scripts/ensure-test-deps.sh");
        }

        return Run("node", workingDirectory, null, [path, .. args]);
    }

    public static string RepoRoot => Commands.CliSandbox.RepoRoot;
}

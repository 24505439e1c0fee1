using System.Diagnostics;

namespace Lumen.Adapters.Tests.Thresholds;

/// <summary>Runs a real binary (promtool, amtool, bash) as a child process and captures its output.</summary>
internal static class ExternalTool
{
    public sealed record Result(int ExitCode, string StdOut, string StdErr)
    {
        public string Describe(string what) => $"{what} exited {ExitCode}\n--- stdout ---\n{StdOut}\n--- stderr ---\n{StdErr}";
    }

    public static Result Run(string tool, string workingDirectory, params string[] args)
    {
        var path = Find(tool) ?? throw new InvalidOperationException(
            $"{tool} is not installed: `make test` installs it (scripts/ensure-test-deps.sh), or apt-get install it by hand.");
        var psi = new ProcessStartInfo(path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        return new(process.ExitCode, stdout.Result, stderr.Result);
    }

    private static string? Find(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(Path.PathSeparator)
            .Select(dir => Path.Combine(dir, tool))
            .FirstOrDefault(File.Exists);
}

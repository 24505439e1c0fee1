using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace Lumen.Adapters.Processes;

/// <summary>
/// Runs a program from an argv list (never through a shell, so knob values cannot inject commands),
/// captures its output and kills the whole process tree when the timeout passes.
/// </summary>
internal static class ProcessRunner
{
    /// <summary>Each stream keeps at most this many characters; a chatty script must not exhaust memory.</summary>
    public const int MaxCapturedChars = 16 * 1024;

    public static async Task<ProcessResult> RunAsync(
        IReadOnlyList<string> argv, TimeSpan timeout, string? workingDirectory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(argv);
        if (argv.Count == 0 || string.IsNullOrWhiteSpace(argv[0]))
        {
            throw new ArgumentException("A command needs at least a program name.", nameof(argv));
        }

        var startInfo = new ProcessStartInfo(argv[0])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? string.Empty,
        };
        foreach (var arg in argv.Skip(1))
        {
            startInfo.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = startInfo };
        try
        {
            process.Start();
        }
        catch (Win32Exception ex)
        {
            return new ProcessResult(null, "", "", false, $"could not start {argv[0]}: {ex.Message}");
        }

        // No input: a script that reads stdin gets EOF instead of hanging until the timeout.
        process.StandardInput.Close();
        var stdout = CaptureAsync(process.StandardOutput);
        var stderr = CaptureAsync(process.StandardError);

        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(timeoutSource.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            timedOut = true;
        }

        var output = await stdout.ConfigureAwait(false);
        var error = await stderr.ConfigureAwait(false);
        return timedOut
            ? new ProcessResult(null, output, error, true, $"timed out after {timeout.TotalMilliseconds:0} ms (process tree killed)")
            : new ProcessResult(process.ExitCode, output, error, false, null);
    }

    private static async Task<string> CaptureAsync(StreamReader reader)
    {
        var kept = new StringBuilder();
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            // Keep reading past the limit: a full pipe would block the child.
            var room = MaxCapturedChars - kept.Length;
            kept.Append(buffer, 0, Math.Min(room, read));
        }

        return kept.ToString();
    }
}

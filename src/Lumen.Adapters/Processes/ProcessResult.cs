namespace Lumen.Adapters.Processes;

/// <summary>
/// How a child process ended. <see cref="ExitCode"/> is null when it could not be started or was
/// killed on timeout; <see cref="Error"/> then says why. Output is trimmed to a bounded size.
/// </summary>
internal sealed record ProcessResult(int? ExitCode, string StandardOutput, string StandardError, bool TimedOut, string? Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>A one-line summary for reasons and the ledger: exit code or failure, then the output.</summary>
    public string Describe()
    {
        var head = Error ?? $"exit code {ExitCode}";
        var output = string.Join(" | ", new[] { StandardOutput.Trim(), StandardError.Trim() }.Where(s => s.Length > 0));
        return output.Length == 0 ? head : $"{head}: {output}";
    }
}

using Lumen.Adapters.Processes;
using Lumen.Core.Adjustments;

namespace Lumen.Adapters.Executors;

/// <summary>
/// Sets knobs by running a script (docs/executors.md, "command"). Protocol:
/// <c>SCRIPT... set KNOB VALUE</c> applies the value; <c>SCRIPT... get KNOB</c> prints the current
/// value on stdout (the last non-empty line is read). Exit 0 is success; exit 75 (EX_TEMPFAIL from
/// sysexits.h) means "try again later"; any other exit code is a permanent failure. The script
/// runs without a shell and with stdin closed; on timeout its whole process tree is killed.
/// </summary>
public sealed class CommandExecutor : IExecutor
{
    public const string KindName = "command";

    /// <summary>EX_TEMPFAIL: the script's way of saying the failure is transient.</summary>
    public const int TransientExitCode = 75;

    private readonly CommandExecutorOptions _options;

    public CommandExecutor(CommandExecutorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Command.IsDefaultOrEmpty || string.IsNullOrWhiteSpace(options.Command[0]))
        {
            throw new ArgumentException("The command executor needs a command (argv list).", nameof(options));
        }

        _options = options;
    }

    public string Kind => KindName;

    public async Task<ExecutorResult> SetAsync(string knob, double value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(knob);
        if (!double.IsFinite(value))
        {
            return ExecutorResult.Failed($"refusing non-finite value for {knob}", transient: false);
        }

        var result = await RunAsync(["set", knob, KnobValue.Format(value)], cancellationToken).ConfigureAwait(false);
        return result.Succeeded
            ? ExecutorResult.Ok(value, result.Describe())
            : Failure("set", knob, result);
    }

    public async Task<ExecutorResult> GetAsync(string knob, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(knob);
        var result = await RunAsync(["get", knob], cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            return Failure("get", knob, result);
        }

        var lastLine = result.StandardOutput
            .Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .LastOrDefault();
        return KnobValue.TryParse(lastLine, out var value)
            ? ExecutorResult.Ok(value)
            : ExecutorResult.Failed($"{Name} get {knob} printed no finite number: '{lastLine ?? ""}'", transient: false, result.Describe());
    }

    private string Name => _options.Command[0];

    private Task<ProcessResult> RunAsync(string[] arguments, CancellationToken cancellationToken) =>
        ProcessRunner.RunAsync([.. _options.Command, .. arguments], _options.EffectiveTimeout, _options.WorkingDirectory, cancellationToken);

    private ExecutorResult Failure(string verb, string knob, ProcessResult result)
    {
        var transient = result.TimedOut || result.ExitCode == TransientExitCode;
        return ExecutorResult.Failed($"{Name} {verb} {knob}: {result.Describe()}", transient, result.Describe());
    }
}

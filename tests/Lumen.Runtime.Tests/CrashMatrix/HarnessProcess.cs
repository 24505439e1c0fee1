using System.Diagnostics;
using Lumen.Runtime.Crash;

namespace Lumen.Runtime.Tests.CrashMatrix;

/// <summary>Starts the loop harness (tests/Lumen.LoopHarness) as a child process on a state directory.</summary>
internal sealed class HarnessProcess : IDisposable
{
    public const int Ticks = 16;
    public const int SecondsPerTick = 30;

    private readonly Process _process;

    private HarnessProcess(Process process) => _process = process;

    public bool HasExited => _process.HasExited;

    /// <summary>Ticks of a run of the value-level tuner: enough for several trials to be judged.</summary>
    public const int TrialTicks = 120;

    public static HarnessProcess Start(string stateDirectory, string? crashAt = null, bool trials = false)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Lumen.LoopHarness.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
                 {
                     dll, "--state-dir", stateDirectory, "--ticks", $"{(trials ? TrialTicks : Ticks)}", "--seconds-per-tick", $"{SecondsPerTick}",
                     "--trials", trials ? "1" : "0",
                 })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment.Remove(CrashHook.EnvVar);
        if (crashAt is not null)
        {
            info.Environment[CrashHook.EnvVar] = crashAt;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new HarnessProcess(process);
    }

    /// <summary>Waits for the exit (bounded: a hung harness fails the test instead of hanging it).</summary>
    public async Task<int> WaitAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(timeout.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL, the whole tree; true when the process was still running (a real kill).</summary>
    public async Task<bool> KillAsync()
    {
        var killed = false;
        try
        {
            killed = !_process.HasExited;
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own first.
            killed = false;
        }

        await WaitAsync();
        return killed;
    }

    public void Dispose() => _process.Dispose();
}

using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace Lumen.Soak;

/// <summary>
/// <c>lumen run --stage dev</c> as a child process (<c>dotnet lumen.dll</c> from the driver's output
/// directory), with its own environment. The last lines of its output are kept for the report.
/// </summary>
internal sealed class LumenChild : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LumenChild(Process process, DateTimeOffset startedAt)
    {
        _process = process;
        StartedAt = startedAt;
    }

    public DateTimeOffset StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static LumenChild Start(IReadOnlyDictionary<string, string> env, DateTimeOffset now, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "lumen.dll"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        var child = new LumenChild(Process.Start(start)!, now);
        child._process.OutputDataReceived += (_, e) => child.Keep(e.Data);
        child._process.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        child._process.BeginOutputReadLine();
        child._process.BeginErrorReadLine();
        return child;
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
            if (_output.Length > 64_000)
            {
                _output.Remove(0, _output.Length - 32_000);
            }
        }
    }

    /// <summary>SIGKILL: no clean-up of any kind runs.</summary>
    public async Task Kill9Async()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM and wait: a clean stop. Null when it did not stop within <paramref name="limit"/> (it is killed then).</summary>
    public async Task<int?> TerminateAsync(TimeSpan limit)
    {
        if (!_process.HasExited)
        {
            _ = SendSignal(_process.Id, 15);
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(limit);
            _process.WaitForExit(); // drains the redirected output
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            await Kill9Async();
            return null;
        }
    }

    public async Task<int> WaitAsync(TimeSpan limit)
    {
        await _process.WaitForExitAsync().WaitAsync(limit);
        _process.WaitForExit();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int SendSignal(int pid, int signal);
}

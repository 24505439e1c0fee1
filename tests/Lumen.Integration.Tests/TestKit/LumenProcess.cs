using System.Diagnostics;
using System.Text;

namespace Lumen.Integration.Tests.TestKit;

/// <summary>
/// <c>lumen</c> as a child process (<c>dotnet lumen.dll</c> from the test's output, where the project
/// reference puts it), with its own environment; output is collected. Killed on dispose if still running.
/// </summary>
internal sealed class LumenProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private LumenProcess(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

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

    public static LumenProcess Start(IReadOnlyDictionary<string, string> env, params string[] args)
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

        // The tests of one class share a demo canary: every process is the same lease holder (a restart
        // of one controller), unless a test names another to play a second controller.
        start.Environment["LUMEN_LEASE_HOLDER"] = "integration-tests";
        foreach (var (k, v) in env)
        {
            start.Environment[k] = v;
        }

        var process = new LumenProcess(Process.Start(start)!);
        process._process.OutputDataReceived += (_, e) => process.Keep(e.Data);
        process._process.ErrorDataReceived += (_, e) => process.Keep(e.Data);
        process._process.BeginOutputReadLine();
        process._process.BeginErrorReadLine();
        return process;
    }

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async Task<int> WaitAsync(TimeSpan limit)
    {
        await _process.WaitForExitAsync().WaitAsync(limit);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    public bool HasExited => _process.HasExited;

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
}

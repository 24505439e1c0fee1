using System.Runtime.InteropServices;

namespace Lumen.Cli.Live;

/// <summary>Where the programs <c>lumen demo --live</c> starts come from.</summary>
internal static class Executables
{
    public const string DemoServiceDll = "Lumen.DemoService.dll";

    /// <summary>The first executable file named <paramref name="name"/> in the directories of <paramref name="path"/> (a PATH value).</summary>
    public static string? FindOnPath(string name, string? path)
    {
        foreach (var dir in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate) && (OperatingSystem.IsWindows() || IsExecutable(candidate)))
            {
                return candidate;
            }
        }

        return null;
    }

    /// <summary>
    /// The demo service, built beside <c>lumen.dll</c> by the CLI project's reference to it (so
    /// <c>./lumen</c>, <c>dotnet build</c>, the tests' output and the .NET tool package all have it).
    /// </summary>
    public static string? DemoService(string baseDirectory)
    {
        var dll = Path.Combine(baseDirectory, DemoServiceDll);
        var config = Path.Combine(baseDirectory, "Lumen.DemoService.runtimeconfig.json");
        return File.Exists(dll) && File.Exists(config) ? dll : null;
    }

    /// <summary>
    /// The <c>dotnet</c> host that runs this process (so the demo service runs on the same runtime):
    /// the process itself when it is <c>dotnet</c>, else the host of the running runtime's install, else
    /// <c>dotnet</c> from PATH.
    /// </summary>
    public static string DotnetHost()
    {
        var hostName = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } self && Path.GetFileName(self) == hostName)
        {
            return self;
        }

        // <install root>/shared/Microsoft.NETCore.App/<version>/ → the install root holds the host.
        var runtime = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar));
        if (runtime.Parent?.Parent?.Parent is { } root && File.Exists(Path.Combine(root.FullName, hostName)))
        {
            return Path.Combine(root.FullName, hostName);
        }

        return hostName;
    }

    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static bool IsExecutable(string path) =>
        (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}

namespace Lumen.Soak;

/// <summary>
/// Wall-clock jumps for the loop through Debian's libfaketime (package <c>faketime</c>), preloaded
/// into <c>lumen run</c>: its offset is read from a file the soak rewrites (<c>+40s</c>, then
/// <c>+0s</c>), re-read at most once a second. The monotonic clock is not faked
/// (<c>DONT_FAKE_MONOTONIC=1</c>): an NTP step moves the wall clock only. <see cref="TryFind"/> says
/// when the library is missing, and the soak then leaves clock jumps out and says so.
/// </summary>
internal sealed class ClockFault
{
    private static readonly string[] Libraries =
    [
        "/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1",
        "/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1",
        "/usr/lib/faketime/libfaketime.so.1",
    ];

    private readonly string _library;
    private readonly string _file;

    private ClockFault(string library, string file)
    {
        _library = library;
        _file = file;
        Set(0);
    }

    /// <summary>The offset now in effect, in seconds.</summary>
    public int Offset { get; private set; }

    public static ClockFault? TryFind(string dir, out string? why)
    {
        var library = Libraries.FirstOrDefault(File.Exists);
        why = library is null ? "libfaketime is not installed (apt-get install faketime)" : null;
        return library is null ? null : new ClockFault(library, Path.Combine(dir, "faketime.rc"));
    }

    /// <summary>The environment that puts <c>lumen run</c> on the faked wall clock.</summary>
    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["LD_PRELOAD"] = _library,
        ["FAKETIME_TIMESTAMP_FILE"] = _file,
        ["FAKETIME_CACHE_DURATION"] = "1",
        ["DONT_FAKE_MONOTONIC"] = "1",
    };

    public void Set(int seconds)
    {
        var tmp = _file + ".tmp";
        File.WriteAllText(tmp, (seconds >= 0 ? "+" : "") + seconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + "s\n");
        File.Move(tmp, _file, overwrite: true);
        Offset = seconds;
    }
}

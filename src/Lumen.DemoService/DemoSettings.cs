using System.Globalization;

namespace Lumen.DemoService;

/// <summary>
/// Command-line settings: <c>--service checkout --track canary --urls http://127.0.0.1:8081 --seed 1
/// --time-scale 1</c>. The admin token comes from <c>DEMO_ADMIN_TOKEN</c> or the file named by
/// <c>DEMO_ADMIN_TOKEN_FILE</c>; without one, <c>/admin/config</c> answers 401 to everyone.
/// </summary>
/// <param name="TimeScale">Multiplies every model time (0.1 makes a 60 ms miss take 6 ms; tests use it to run fast).</param>
public sealed record DemoSettings(string Service, string Track, int Seed, double TimeScale, string? AdminToken)
{
    public static DemoSettings From(IConfiguration config, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(env);
        var service = config["service"] is { Length: > 0 } s ? s : "checkout";
        var track = config["track"] is { Length: > 0 } t ? t : "baseline";
        var seed = int.TryParse(config["seed"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 1;
        var scale = double.TryParse(config["time-scale"], NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && double.IsFinite(x) && x > 0 ? x : 1.0;
        return new DemoSettings(service, track, seed, scale, ReadToken(env));
    }

    private static string? ReadToken(Func<string, string?> env)
    {
        if (env("DEMO_ADMIN_TOKEN") is { Length: > 0 } token)
        {
            return token;
        }

        return env("DEMO_ADMIN_TOKEN_FILE") is { Length: > 0 } path && File.Exists(path)
            ? File.ReadAllText(path).TrimEnd('\r', '\n') is { Length: > 0 } t ? t : null
            : null;
    }

    // The token must never be printed.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append(CultureInfo.InvariantCulture, $"Service = {Service}, Track = {Track}, Seed = {Seed}, TimeScale = {TimeScale}, AdminToken = {(AdminToken is null ? "(none)" : "***")}");
        return true;
    }
}

using System.Globalization;

namespace Lumen.LoopHarness;

/// <summary><c>--state-dir D --ticks N [--seconds-per-tick S] [--trials 1]</c>.</summary>
/// <param name="Trials">Run the value-level tuner alone (no rules; the target's p95 depends on its knob), so trials are kept and restored.</param>
internal sealed record HarnessArguments(string StateDirectory, int Ticks, int SecondsPerTick, bool Trials = false)
{
    public static HarnessArguments Parse(string[] args)
    {
        string? state = null;
        int ticks = 16, seconds = 30;
        var trials = false;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--state-dir": state = args[i + 1]; break;
                case "--ticks": ticks = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds-per-tick": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--trials": trials = args[i + 1] == "1"; break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        return new HarnessArguments(state ?? throw new ArgumentException("--state-dir is required"), ticks, seconds, trials);
    }
}

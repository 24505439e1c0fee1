using System.Globalization;

namespace Lumen.LoopHarness;

/// <summary><c>--state-dir D --ticks N [--seconds-per-tick S]</c>.</summary>
internal sealed record HarnessArguments(string StateDirectory, int Ticks, int SecondsPerTick)
{
    public static HarnessArguments Parse(string[] args)
    {
        string? state = null;
        int ticks = 16, seconds = 30;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--state-dir": state = args[i + 1]; break;
                case "--ticks": ticks = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--seconds-per-tick": seconds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }

        return new HarnessArguments(state ?? throw new ArgumentException("--state-dir is required"), ticks, seconds);
    }
}

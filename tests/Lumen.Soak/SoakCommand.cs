using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Lumen.Soak;

/// <summary>
/// <c>Lumen.Soak [--minutes M] [--seed S] [--kinds a,b] [--json PATH]</c>: runs one soak and prints its
/// figures. Exit 0 when every goal is met (0 lost, 0 double, 0 late, the ledger verifies, the canary ends
/// at its baseline), 1 when one is missed, 2 on bad arguments.
/// </summary>
internal static class SoakCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        var minutes = 10.0;
        var seed = 1;
        List<FaultKind>? kinds = null;
        string? json = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--minutes" when double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var m) && m > 0 && m <= SoakOptions.MaxFaultPhase.TotalMinutes:
                    minutes = m;
                    i++;
                    break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                case "--kinds" when value is not null:
                    kinds = [];
                    foreach (var name in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        if (!FaultKinds.ByName.TryGetValue(name, out var kind))
                        {
                            await error.WriteLineAsync($"--kinds: unknown fault {name}; known: {string.Join(", ", FaultKinds.ByName.Keys)}");
                            return 2;
                        }

                        kinds.Add(kind);
                    }

                    i++;
                    break;
                case "--json" when value is not null:
                    json = value;
                    i++;
                    break;
                default:
                    await error.WriteLineAsync($"{args[i]}: expected --minutes (0 < M <= {SoakOptions.MaxFaultPhase.TotalMinutes}), --seed N, --kinds {string.Join(",", FaultKinds.ByName.Keys)} or --json PATH");
                    return 2;
            }
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        var report = await SoakRunner.RunAsync(new SoakOptions(seed, TimeSpan.FromMinutes(minutes), kinds, json), output);
        await output.WriteLineAsync();
        await output.WriteAsync(report.Render());
        if (json is not null)
        {
            await File.WriteAllTextAsync(json, JsonSerializer.Serialize(report, new JsonSerializerOptions { WriteIndented = true }));
        }

        return report.GoalsMet ? 0 : 1;
    }

    private static void Stop(PosixSignalContext context)
    {
        context.Cancel = true;
        SoakRunner.EmergencyStop();
        Environment.Exit(130);
    }
}

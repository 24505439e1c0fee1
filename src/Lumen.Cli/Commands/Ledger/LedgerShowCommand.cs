using Lumen.Adapters.LedgerStore;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Ledger;

/// <summary><c>lumen ledger show [--kind K] [--service S] [--since T] [--json]</c>: entries that match every filter given.</summary>
internal sealed class LedgerShowCommand(IAnsiConsole console, IEnvironmentVariables env, TimeProvider time) : Command<LedgerShowSettings>
{
    public override int Execute(CommandContext context, LedgerShowSettings settings, CancellationToken cancellationToken)
    {
        var path = LedgerLocation.LedgerPath(settings.LedgerFile, env);
        if (!File.Exists(path))
        {
            console.MarkupLineInterpolated($"[red]error[/]: ledger file not found: {path}");
            return ExitCodes.BadInput;
        }

        var since = DateTimeOffset.MinValue;
        if (settings.Since is not null)
        {
            LedgerSince.TryParse(settings.Since, time.GetUtcNow(), out since);
        }

        var matches = LedgerFileReader.Read(path)
            .Where(line => line.Entry is { } e
                && KindMatches(settings.Kind, e.Kind)
                && (settings.Service is null || string.Equals(settings.Service, e.Service, StringComparison.Ordinal))
                && e.Ts >= since)
            .ToList();
        LedgerTable.Write(console, matches, settings.Json, env);
        return ExitCodes.Ok;
    }

    private static bool KindMatches(string? pattern, string kind) =>
        pattern is null
        || (pattern.EndsWith('*') ? kind.StartsWith(pattern[..^1], StringComparison.Ordinal) : string.Equals(pattern, kind, StringComparison.Ordinal));
}

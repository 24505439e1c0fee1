using Lumen.Adapters.LedgerStore;
using Lumen.Adapters.Release;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Release;

/// <summary><c>lumen verify-release DIR --pubkey FILE</c>: exit 0 valid, 1 a check failed, 2 bad arguments
/// (no such directory, unusable key), 5 an I/O error. Reads only.</summary>
internal sealed class VerifyReleaseCommand(IAnsiConsole console) : Command<VerifyReleaseSettings>
{
    public override int Execute(CommandContext context, VerifyReleaseSettings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Directory))
        {
            return BadInput($"release directory not found: {settings.Directory}");
        }

        if (!File.Exists(settings.PublicKeyFile))
        {
            return BadInput($"public key file not found: {settings.PublicKeyFile}");
        }

        ReleaseVerifyReport report;
        try
        {
            using var key = LedgerKeys.LoadPublicKey(settings.PublicKeyFile);
            report = ReleaseVerifier.Verify(settings.Directory, key);
        }
        catch (ArgumentException e)
        {
            return BadInput(e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            console.MarkupLineInterpolated($"[red]error[/]: reading {settings.Directory}: {e.Message}");
            return ExitCodes.RuntimeError;
        }

        foreach (var check in report.Checks)
        {
            if (check.Ok)
            {
                console.MarkupLineInterpolated($"[green]ok[/]      {check.Subject}: {check.Detail}");
            }
            else
            {
                console.MarkupLineInterpolated($"[red]FAILED[/]  {check.Subject}: {check.Detail}");
            }
        }

        if (report.Valid)
        {
            console.MarkupLineInterpolated($"[green]valid[/]: {settings.Directory}: {report.Artifacts} artifacts, sums, signatures and SBOM checked");
            return ExitCodes.Ok;
        }

        var failures = report.Failures.Count();
        console.MarkupLineInterpolated(
            $"[red]INVALID[/]: {settings.Directory}: {(report.Artifacts == 0 ? "no artifacts" : $"{failures} failed check(s)")}");
        return ExitCodes.Failed;
    }

    private int BadInput(string message)
    {
        console.MarkupLineInterpolated($"[red]error[/]: {message}");
        return ExitCodes.BadInput;
    }
}

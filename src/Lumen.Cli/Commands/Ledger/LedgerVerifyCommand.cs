using System.Security.Cryptography;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Ledger;

/// <summary>
/// <c>lumen ledger verify [LEDGER...]</c>: exit 0 valid, 1 invalid (first bad line named), 2 bad
/// arguments or missing file. With several ledgers (one per replica): a result per ledger, then the
/// fleet's claims across them and a total.
/// </summary>
internal sealed class LedgerVerifyCommand(IAnsiConsole console, IEnvironmentVariables env) : Command<LedgerVerifySettings>
{
    public override int Execute(CommandContext context, LedgerVerifySettings settings, CancellationToken cancellationToken)
    {
        var ledgers = settings.LedgerFiles.Length > 0 ? settings.LedgerFiles : [LedgerLocation.LedgerPath(null, env)];
        if (ledgers.FirstOrDefault(l => !File.Exists(l)) is { } missing)
        {
            return BadInput($"ledger file not found: {missing}");
        }

        if (settings.HeadFile is not null && ledgers.Length > 1)
        {
            return BadInput("--head names one ledger's checkpoint: with several ledgers each is checked against the head file beside it");
        }

        if (settings.HeadFile is not null && !File.Exists(settings.HeadFile))
        {
            return BadInput($"head file not found: {settings.HeadFile}");
        }

        if (settings.PublicKeyFile is not null && !File.Exists(settings.PublicKeyFile))
        {
            return BadInput($"public key file not found: {settings.PublicKeyFile}");
        }

        using var publicKey = LoadKey(settings.PublicKeyFile, out var keyError);
        if (keyError is not null)
        {
            return BadInput(keyError);
        }

        var results = ledgers.Select(l => (Ledger: l, Exit: VerifyOne(l, settings.HeadFile ?? FileLedgerStoreOptions.DefaultHeadPath(l), publicKey, settings.PublicKeyFile)))
            .ToList();
        return ledgers.Length == 1 ? results[0].Exit : Fleet(results);
    }

    /// <summary>Several ledgers, one per replica: each verified alone, then the claims across them; one total line.</summary>
    private int Fleet(List<(string Ledger, int Exit)> results)
    {
        // One ledger per replica: each service's claims (coordination.changed) never share a fencing token across replicas.
        var fleet = FleetLedgers.CheckClaims(results.Where(r => r.Exit == ExitCodes.Ok).Select(r => r.Ledger).ToList());
        var invalid = results.Count(r => r.Exit == ExitCodes.Failed);
        var errors = results.Count(r => r.Exit != ExitCodes.Ok && r.Exit != ExitCodes.Failed);
        FleetLedgers.Print(console, fleet);

        var ok = invalid == 0 && errors == 0 && fleet.Problems.Count == 0;
        var total = $"{results.Count} ledgers: {results.Count(r => r.Exit == ExitCodes.Ok)} valid, {invalid} invalid{(errors > 0 ? $", {errors} unreadable" : "")}";
        if (ok)
        {
            console.MarkupLineInterpolated($"[green]valid[/]: {total}");
        }
        else
        {
            console.MarkupLineInterpolated($"[red]INVALID[/]: {total}");
        }

        return ok ? ExitCodes.Ok : errors > 0 && invalid == 0 && fleet.Problems.Count == 0 ? ExitCodes.RuntimeError : ExitCodes.Failed;
    }

    /// <summary>One ledger against its head checkpoint: the per-ledger lines and exit code.</summary>
    private int VerifyOne(string ledgerPath, string headPath, ECDsa? publicKey, string? publicKeyFile)
    {
        if (!LedgerHeadFile.TryRead(headPath, out var checkpoint, out var headError))
        {
            return Invalid(ledgerPath, $"head file {headPath}: {headError}");
        }

        LedgerVerifyReport report;
        try
        {
            report = LedgerFileVerifier.Verify(ledgerPath, checkpoint, publicKey);
        }
        catch (IOException e)
        {
            console.MarkupLineInterpolated($"[red]cannot read {ledgerPath}: {e.Message}[/]");
            return ExitCodes.RuntimeError;
        }

        if (report.Failure is { } failure)
        {
            return Invalid(ledgerPath, failure.Line > 0 ? failure.ToString() : $"head file {headPath}: {failure.Reason}");
        }

        console.MarkupLineInterpolated(
            $"[green]valid[/]: {ledgerPath}: {report.Entries} entries, {report.Bytes} bytes, head seq {report.Last.Seq} ({Short(report.Last.Hash)})");
        if (checkpoint is null)
        {
            console.MarkupLineInterpolated(
                $"[yellow]warning[/]: no head checkpoint ({headPath}): entries cut from the end cannot be detected");
        }
        else
        {
            var lag = report.Last.Seq - checkpoint.Seq;
            console.MarkupLineInterpolated(
                $"head checkpoint {headPath}: seq {checkpoint.Seq} matches{(lag > 0 ? $" ({lag} later entries not yet checkpointed)" : "")}");
            if (publicKey is not null)
            {
                console.MarkupLineInterpolated($"signature: [green]valid[/] ({publicKeyFile})");
            }
            else
            {
                console.MarkupLineInterpolated(
                    $"signature: {(checkpoint.Signature is null ? "none" : "present, not checked (give --pubkey)")}");
            }
        }

        return ExitCodes.Ok;
    }

    private static ECDsa? LoadKey(string? path, out string? error)
    {
        error = null;
        if (path is null)
        {
            return null;
        }

        try
        {
            return LedgerKeys.LoadPublicKey(path);
        }
        catch (ArgumentException e)
        {
            error = e.Message;
            return null;
        }
    }

    private static string Short(string hash) => hash[..12];

    private int Invalid(string ledgerPath, string what)
    {
        console.MarkupLineInterpolated($"[red]INVALID[/]: {ledgerPath}: {what}");
        return ExitCodes.Failed;
    }

    private int BadInput(string message)
    {
        console.MarkupLineInterpolated($"[red]error[/]: {message}");
        return ExitCodes.BadInput;
    }
}

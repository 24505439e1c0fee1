using System.Security.Cryptography;
using Lumen.Adapters.LedgerStore;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands;

/// <summary><c>lumen ledger verify</c>: exit 0 valid, 1 invalid (first bad line named), 2 bad arguments or missing file.</summary>
internal sealed class LedgerVerifyCommand(IAnsiConsole console, IEnvironmentVariables env) : Command<LedgerVerifySettings>
{
    public override int Execute(CommandContext context, LedgerVerifySettings settings, CancellationToken cancellationToken)
    {
        var ledgerPath = LedgerLocation.LedgerPath(settings.LedgerFile, env);
        if (!File.Exists(ledgerPath))
        {
            return BadInput($"ledger file not found: {ledgerPath}");
        }

        var headPath = settings.HeadFile ?? FileLedgerStoreOptions.DefaultHeadPath(ledgerPath);
        if (settings.HeadFile is not null && !File.Exists(headPath))
        {
            return BadInput($"head file not found: {headPath}");
        }

        if (settings.PublicKeyFile is not null && !File.Exists(settings.PublicKeyFile))
        {
            return BadInput($"public key file not found: {settings.PublicKeyFile}");
        }

        if (!LedgerHeadFile.TryRead(headPath, out var checkpoint, out var headError))
        {
            return Invalid(ledgerPath, $"head file {headPath}: {headError}");
        }

        using var publicKey = LoadKey(settings.PublicKeyFile, out var keyError);
        if (keyError is not null)
        {
            return BadInput(keyError);
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
                console.MarkupLineInterpolated($"signature: [green]valid[/] ({settings.PublicKeyFile})");
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

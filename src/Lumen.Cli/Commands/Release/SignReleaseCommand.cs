using System.Reflection;
using System.Security.Cryptography;
using Lumen.Adapters.Config;
using Lumen.Adapters.Release;
using Lumen.Core.Ledger;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Release;

/// <summary>
/// <c>lumen sign-release DIR</c>: records the artifacts' SHA-256 in the SBOM, writes SHA256SUMS and a
/// cosign-format signature of every file, with the ECDSA P-256 private key (PEM) read from
/// <c>LUMEN_RELEASE_KEY_FILE</c> (or <c>LUMEN_RELEASE_KEY</c>). Exit 0 signed, 2 bad input (no key,
/// unusable key, no SBOM), 5 an I/O error. The key is never printed.
/// </summary>
internal sealed class SignReleaseCommand(IAnsiConsole console, IEnvironmentVariables env) : Command<SignReleaseSettings>
{
    public const string KeyVariable = "LUMEN_RELEASE_KEY";

    public override int Execute(CommandContext context, SignReleaseSettings settings, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(settings.Directory))
        {
            return BadInput($"release directory not found: {settings.Directory}");
        }

        var secret = new SecretReader(env).Read(KeyVariable);
        if (secret.IsError)
        {
            return BadInput(secret.Error!);
        }

        if (!secret.IsSet)
        {
            return BadInput($"no signing key: set {KeyVariable}{SecretReader.FileSuffix} to a PEM ECDSA P-256 private key file");
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(secret.Value);
            LedgerCheckpointSigner.EnsureP256(key);
            _ = key.ExportParameters(includePrivateParameters: true);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            // The exception text can quote the input; name only where the key came from.
            return BadInput($"{secret.Source}: expected an ECDSA P-256 private key in PEM form");
        }

        var version = settings.Version ?? typeof(SignReleaseCommand).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";
        try
        {
            var signed = ReleaseSigner.Seal(settings.Directory, key, version);
            foreach (var name in signed)
            {
                console.MarkupLineInterpolated($"signed  {name} -> {ReleaseLayout.SignatureOf(name)}");
            }

            console.MarkupLineInterpolated($"[green]sealed[/]: {settings.Directory}: {signed.Count} files signed, {ReleaseLayout.SumsFile} written");
            return ExitCodes.Ok;
        }
        catch (InvalidDataException e)
        {
            return BadInput(e.Message);
        }
        catch (FormatException e)
        {
            return BadInput($"the SBOM: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            console.MarkupLineInterpolated($"[red]error[/]: {e.Message}");
            return e is System.Text.Json.JsonException ? ExitCodes.BadInput : ExitCodes.RuntimeError;
        }
    }

    private int BadInput(string message)
    {
        console.MarkupLineInterpolated($"[red]error[/]: {message}");
        return ExitCodes.BadInput;
    }
}

using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Release;

internal sealed class VerifyReleaseSettings : CommandSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("The release directory (artifacts, SHA256SUMS, *.sig, the *.cdx.json SBOM).")]
    public string Directory { get; init; } = "";

    [CommandOption("--pubkey <FILE>")]
    [Description("PEM ECDSA P-256 public key of the release signer (required).")]
    public string? PublicKeyFile { get; init; }

    public override ValidationResult Validate() =>
        string.IsNullOrEmpty(PublicKeyFile) ? ValidationResult.Error("--pubkey FILE is required") : ValidationResult.Success();
}

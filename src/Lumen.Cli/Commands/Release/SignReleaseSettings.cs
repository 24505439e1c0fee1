using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Release;

internal sealed class SignReleaseSettings : CommandSettings
{
    [CommandArgument(0, "<DIR>")]
    [Description("The release directory: the artifacts and one *.cdx.json SBOM.")]
    public string Directory { get; init; } = "";

    [CommandOption("--version <VERSION>")]
    [Description("The version recorded for the artifacts in the SBOM (default: this build's version).")]
    public string? Version { get; init; }
}

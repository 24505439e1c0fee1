using System.ComponentModel;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Map;

/// <summary>Arguments of <c>lumen map</c>. They are checked in the command so a bad value exits with <see cref="ExitCodes.BadInput"/>.</summary>
internal sealed class MapSettings : CommandSettings
{
    [CommandOption("--trace <FILE>")]
    [Description("A CSV file with the header timestamp,value (the value is read as rps).")]
    public string? Trace { get; init; }

    [CommandOption("--period <DURATION>")]
    [Description("The traffic cycle to fit: 24h (default), 90m, 7d, 3600s.")]
    [DefaultValue("24h")]
    public string Period { get; init; } = "24h";

    [CommandOption("--format <FORMAT>")]
    [Description("table (default), csv or json.")]
    [DefaultValue("table")]
    public string Format { get; init; } = "table";
}

using System.Text.Json;
using Lumen.Cli.Health;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;
using Lumen.Core.Json;

namespace Lumen.Cli.Commands.Health;

/// <summary>
/// <c>lumen health --stage S [--json]</c> (= <c>make verify</c>): a table of checks, OK/WARN/FAIL
/// (docs/live.md, "lumen health"). Exit 1 when any check FAILs, 0 otherwise (warnings included).
/// </summary>
internal sealed class HealthCommand(IAnsiConsole console, IEnvironmentVariables env, TimeProvider time) : AsyncCommand<HealthSettings>
{
    public override async Task<int> ExecuteAsync(CommandContext context, HealthSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var checks = await HealthChecks.RunAsync(env, settings.ConfigDir, settings.Stage, settings.StateDir, time,
            TimeSpan.FromSeconds(settings.TimeoutSeconds), cancellationToken).ConfigureAwait(false);
        var failed = checks.Any(c => c.Status == HealthStatus.Fail);
        if (settings.Json)
        {
            console.Profile.Out.Writer.WriteLine(ObjectJson.Serialize(new
            {
                ok = !failed,
                checks = checks.Select(c => new { name = c.Name, status = c.Status.ToString().ToUpperInvariant(), detail = c.Detail }),
            }));
        }
        else
        {
            var table = new Table().AddColumn("check").AddColumn("status").AddColumn("detail");
            foreach (var c in checks)
            {
                var status = c.Status switch
                {
                    HealthStatus.Ok => "[green]OK[/]",
                    HealthStatus.Warn => "[yellow]WARN[/]",
                    _ => "[red]FAIL[/]",
                };
                table.AddRow(new Text(c.Name), new Markup(status), new Text(c.Detail));
            }

            console.Write(table);
            console.MarkupLine(failed ? "[red]FAIL[/]: at least one check failed" : "[green]OK[/]: no check failed");
        }

        return failed ? ExitCodes.Failed : ExitCodes.Ok;
    }
}

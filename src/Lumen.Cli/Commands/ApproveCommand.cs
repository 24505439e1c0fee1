using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands;

/// <summary><c>lumen approve ID [--as NAME]</c>.</summary>
internal sealed class ApproveCommand(IAnsiConsole console, IEnvironmentVariables env) : AsyncCommand<ApprovalDecisionSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ApprovalDecisionSettings settings, CancellationToken cancellationToken) =>
        ApprovalDecider.RunAsync(console, env, settings, approve: true, cancellationToken);
}

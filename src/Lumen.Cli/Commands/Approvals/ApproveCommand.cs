using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli.Commands.Approvals;

/// <summary><c>lumen approve ID [--as NAME]</c>.</summary>
internal sealed class ApproveCommand(IAnsiConsole console, IEnvironmentVariables env, TimeProvider time) : AsyncCommand<ApprovalDecisionSettings>
{
    public override Task<int> ExecuteAsync(CommandContext context, ApprovalDecisionSettings settings, CancellationToken cancellationToken) =>
        ApprovalDecider.RunAsync(console, env, time, settings, approve: true, cancellationToken);
}

using System.Collections.Immutable;
using System.Text;
using Lumen.Adapters.Config;
using Lumen.Cli.Commands.Approvals;
using Lumen.Core.Approvals;
using Lumen.Core.Policy;
using Lumen.Web.Console;
using Lumen.Web.Security;
using Lumen.Web.Slack;

namespace Lumen.Cli.Hosting;

/// <summary>
/// What <c>lumen run</c> serves besides its probes: the web console (when <c>LUMEN_CONSOLE_TOKEN</c>
/// or its <c>_FILE</c> is set) and the Slack interactions endpoint (when <c>LUMEN_SLACK_SIGNING_SECRET</c>
/// or its <c>_FILE</c> is set). Either is off when its secret is unset; a secret set both ways, or
/// a missing file, is a configuration error found before anything starts.
/// </summary>
internal sealed record RunWebOptions(ConsoleOptions? Console, SlackEndpointOptions? Slack)
{
    /// <summary>The rollout endpoints for Flagger and Argo Rollouts (<see cref="RunRollouts"/>); null = off.</summary>
    public Lumen.Web.Rollouts.RolloutOptions? Rollouts { get; init; }

    public static (RunWebOptions? Options, ImmutableArray<string> Errors) Resolve(
        IEnvironmentVariables env, StageConfig stage, IEnumerable<string> services, string stateDir)
    {
        var secrets = new SecretReader(env);
        var errors = ImmutableArray.CreateBuilder<string>();
        ConsoleOptions? console = null;
        SlackEndpointOptions? slack = null;

        var token = secrets.Read(ConsoleOptions.TokenVariable);
        if (token.IsError)
        {
            errors.Add(token.Error!);
        }
        else if (token.IsSet && TokenStrength.Check(ConsoleOptions.TokenVariable, token.Value!) is { } weak)
        {
            errors.Add(weak);
        }
        else if (token.IsSet)
        {
            console = new ConsoleOptions(token.Value!, CliApprovals.Approvers(env), [.. services],
                Path.Combine(stateDir, "canary_report.json"), stage.Name)
            {
                AllowedOrigins = [.. (env.Get(ConsoleOptions.OriginsVariable) ?? "")
                    .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(o => o.TrimEnd('/'))],
            };
        }

        var signing = secrets.Read(SlackEndpointOptions.SigningSecretVariable);
        if (signing.IsError)
        {
            errors.Add(signing.Error!);
        }
        else if (signing.IsSet)
        {
            slack = new SlackEndpointOptions(Encoding.UTF8.GetBytes(signing.Value!),
                ApproverAllowlist.Parse(env.Get(SlackEndpointOptions.AllowedUsersVariable), ApproverAllowlist.Nobody),
                TimeSpan.FromSeconds(2));
        }

        return errors.Count > 0 ? (null, errors.ToImmutable()) : (new RunWebOptions(console, slack), []);
    }
}

using System.Collections.Immutable;
using Lumen.Adapters.Config;
using Lumen.Adapters.Prometheus;
using Lumen.Cli.Commands.Approvals;
using Lumen.Core.Approvals;
using Lumen.Core.Policy;
using Lumen.Web.Rollouts;

namespace Lumen.Cli.Hosting;

/// <summary>
/// The rollout endpoints' options for <c>lumen run</c> (docs/rollout-tools.md): on when <c>LUMEN_ROLLOUT_TOKEN</c>
/// or its <c>_FILE</c> is set (a token of its own, so a token in a Flagger Canary cannot sign in to the console).
/// Errors found before anything starts: the token set both ways or unreadable, no canary policy for the stage,
/// no service with a <c>rollout:</c> block, bad Prometheus credentials, a bad Slack webhook URL.
/// </summary>
internal static class RunRollouts
{
    /// <summary>How long an approval request made by confirm-promotion stays open (<c>LUMEN_ROLLOUT_APPROVAL_EXPIRES</c>, default 1h).</summary>
    public const string ExpiresVariable = "LUMEN_ROLLOUT_APPROVAL_EXPIRES";

    public static (RolloutOptions? Options, ImmutableArray<string> Errors) Resolve(IEnvironmentVariables env, LumenSettings settings, string stateDir)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var secrets = new SecretReader(env);
        var token = secrets.Read(RolloutOptions.TokenVariable);
        if (token.IsError)
        {
            return (null, [token.Error!]);
        }

        if (!token.IsSet)
        {
            return (null, []);
        }

        var errors = ImmutableArray.CreateBuilder<string>();
        var stage = settings.Stage!;
        if (settings.Canary is not { } policy)
        {
            errors.Add($"{RolloutOptions.TokenVariable} is set but canary_policy.yaml has no stage '{stage.Name}': the judge needs its gates");
            return (null, errors.ToImmutable());
        }

        if (!settings.Config.Services.Services.Any(s => s.Rollout is not null))
        {
            errors.Add($"{RolloutOptions.TokenVariable} is set but no service in services.yaml has a rollout: block naming its Flagger canary or Argo rollout (docs/rollout-tools.md)");
        }

        var expires = TimeSpan.FromHours(1);
        if (env.Get(ExpiresVariable) is { Length: > 0 } text && (!DurationText.TryParse(text, out expires) || expires <= TimeSpan.Zero))
        {
            errors.Add($"{ExpiresVariable}: expected a positive duration such as 30m or 2h, found \"{text}\"");
        }

        var (auth, authError) = PrometheusAuthReader.Read(secrets);
        if (authError is not null)
        {
            errors.Add(authError);
        }

        var (slack, slackError) = CliApprovals.Slack(env, stage, new HttpClient());
        if (slackError is not null)
        {
            errors.Add(slackError);
        }

        if (errors.Count > 0)
        {
            return (null, errors.ToImmutable());
        }

        return (new RolloutOptions(token.Value!, stage, policy, settings.Config.Services, new PrometheusClientOptions(stage.Endpoints.Prometheus, Auth: auth),
            stateDir, expires, slack is null ? [] : [slack]), []);
    }
}

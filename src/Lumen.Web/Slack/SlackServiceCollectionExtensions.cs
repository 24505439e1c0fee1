using Lumen.Adapters.Slack;
using Microsoft.Extensions.DependencyInjection;

namespace Lumen.Web.Slack;

/// <summary>
/// Registers the HttpClient used for the Slack webhook without IHttpClientFactory's default
/// loggers: those log the request URI (<c>Start processing HTTP request POST https://hooks.slack.com/services/…</c>),
/// and the webhook URL's path is its credential.
/// </summary>
public static class SlackServiceCollectionExtensions
{
    public const string HttpClientName = "lumen-slack-webhook";

    public static IServiceCollection AddLumenSlack(this IServiceCollection services)
    {
        services.AddHttpClient(HttpClientName).RemoveAllLoggers();
        return services;
    }

    /// <summary>The channel for <paramref name="webhook"/>, on the logger-free client.</summary>
    public static SlackWebhookChannel SlackChannel(this IHttpClientFactory factory, Uri webhook)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new SlackWebhookChannel(factory.CreateClient(HttpClientName), webhook);
    }
}

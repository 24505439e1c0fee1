using System.Net.Http.Headers;
using System.Text;
using Lumen.Core.Approvals;

namespace Lumen.Adapters.Slack;

/// <summary>
/// Posts approval requests to a Slack incoming webhook. The URL is a secret (its path is the
/// credential): it is never put into a result, an exception message or a log. Give this class an
/// HttpClient without the default IHttpClientFactory loggers (Lumen.Web's <c>AddLumenSlack</c>
/// removes them), or a plain <c>new HttpClient()</c>, which logs nothing.
/// </summary>
public sealed class SlackWebhookChannel(HttpClient client, Uri webhook) : IApprovalChannel
{
    public const string WebhookVariable = "LUMEN_SLACK_WEBHOOK_URL";

    public string Name => "slack";

    public async Task<ChannelResult> NotifyAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var json = SlackMessage.Build(request).ToJsonString();
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            using var response = await client.PostAsync(webhook, content, timeout.Token).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? ChannelResult.Sent
                : ChannelResult.Failed($"Slack webhook answered HTTP {(int)response.StatusCode}");
        }
        catch (HttpRequestException e)
        {
            // e.Message may contain the host but not the path; still, say only what kind of failure it was.
            return ChannelResult.Failed($"Slack webhook unreachable ({e.HttpRequestError})");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return ChannelResult.Failed("Slack webhook timed out after 10 s");
        }
    }

    public override string ToString() => "slack webhook (url hidden)";
}

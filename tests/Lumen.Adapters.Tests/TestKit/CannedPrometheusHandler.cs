using System.Net;

namespace Lumen.Adapters.Tests.TestKit;

/// <summary>Answers each POSTed query with the first canned body whose key the query contains; records the form bodies.</summary>
internal sealed class CannedPrometheusHandler(params (string QueryContains, HttpStatusCode Status, string Body)[] answers) : HttpMessageHandler
{
    public List<string> Forms { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var form = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        Forms.Add(form);
        var query = Uri.UnescapeDataString(form.Replace('+', ' '));
        foreach (var (key, status, body) in answers)
        {
            if (query.Contains(key, StringComparison.Ordinal))
            {
                return new HttpResponseMessage(status) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            }
        }

        return new HttpResponseMessage(HttpStatusCode.BadRequest) { Content = new StringContent("""{"status":"error","errorType":"bad_data","error":"no canned answer"}""") };
    }
}

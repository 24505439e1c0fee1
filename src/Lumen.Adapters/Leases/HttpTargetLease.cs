using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.Core.Leases;

namespace Lumen.Adapters.Leases;

/// <summary>
/// The lease of an <c>http</c> target (docs/executors.md, "Leases"): <c>PUT {origin}/admin/lease</c> with
/// <c>{"holder","ttl_seconds","token"?}</c> → 200 with the lease, or 409 with the current holder's
/// lease; a release is the same call with <c>ttl_seconds</c> 0. The target decides (it is the compare-and-set),
/// so two controllers on different hosts agree. A 404 or 405 means the target has no lease endpoint
/// (<see cref="LeaseStatus.Unsupported"/>). The executor's writes carry the token in the
/// <c>Lumen-Fencing-Token</c> header, and the target refuses an older one.
/// </summary>
public sealed class HttpTargetLease : ITargetLease
{
    private readonly Uri _url;
    private readonly string? _bearerToken;
    private readonly HttpClient _client;
    private readonly TimeSpan _timeout;

    /// <param name="executorUrl">The executor's URL; the lease lives at its origin's <c>/admin/lease</c>.</param>
    public HttpTargetLease(Uri executorUrl, string? bearerToken, HttpClient client, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(executorUrl);
        ArgumentNullException.ThrowIfNull(client);
        _url = new Uri(new Uri(executorUrl.GetLeftPart(UriPartial.Authority)), "/admin/lease");
        _bearerToken = bearerToken;
        _client = client;
        _timeout = timeout;
    }

    public string Kind => "http";

    public string Location => _url.GetComponents(UriComponents.AbsoluteUri & ~UriComponents.UserInfo, UriFormat.UriEscaped);

    public Task<LeaseOutcome> AcquireAsync(string holder, TimeSpan ttl, long? token, CancellationToken cancellationToken) =>
        PutAsync(holder, Math.Max(1, Math.Ceiling(ttl.TotalSeconds)), token, release: false, cancellationToken);

    public Task<LeaseOutcome> ReleaseAsync(string holder, long token, CancellationToken cancellationToken) =>
        PutAsync(holder, 0, token, release: true, cancellationToken);

    private async Task<LeaseOutcome> PutAsync(string holder, double ttlSeconds, long? token, bool release, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["holder"] = holder, ["ttl_seconds"] = ttlSeconds };
        if (token is { } t)
        {
            body["token"] = t;
        }

        using var request = new HttpRequestMessage(HttpMethod.Put, _url)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(_bearerToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bearerToken);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            using var response = await _client.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
            {
                return LeaseOutcome.NotSupported($"the target has no lease endpoint (PUT {Location} answered {(int)response.StatusCode})");
            }

            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Conflict))
            {
                return LeaseOutcome.Failed($"PUT {Location} answered {(int)response.StatusCode}");
            }

            TargetLease? lease;
            TargetLease? previous = null;
            try
            {
                using var doc = JsonDocument.Parse(text);
                lease = LeaseJson.TryRead(doc.RootElement);
                if (doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("previous", out var p))
                {
                    previous = LeaseJson.TryRead(p);
                }
            }
            catch (JsonException)
            {
                lease = null;
            }

            if (release)
            {
                return LeaseOutcome.Released(lease);
            }

            if (lease is null)
            {
                return LeaseOutcome.Failed($"PUT {Location} did not answer with a lease");
            }

            return response.StatusCode == HttpStatusCode.Conflict ? LeaseOutcome.HeldBy(lease)
                : lease.Holder != holder ? LeaseOutcome.Failed($"PUT {Location} granted the lease to {lease.Holder}, not {holder}")
                : LeaseOutcome.Granted(lease, previous);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return LeaseOutcome.Failed($"PUT {Location} timed out after {_timeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            return LeaseOutcome.Failed($"PUT {Location} failed: {e.Message}");
        }
    }
}

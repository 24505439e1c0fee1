using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Lumen.Adapters.Executors.Kubernetes;

/// <summary>
/// The calls the executor makes (GET and PATCH of a Deployment and of a ConfigMap) and those of the
/// Lease coordinator (LIST, GET, POST and PUT of Leases), each with a per-request timeout. Every expected failure is an <see cref="ApiResult"/>; a 403 names the RBAC
/// rule that is missing.
/// </summary>
internal sealed class KubernetesApi(KubernetesConnection connection, HttpClient client, TimeSpan timeout)
{
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";

    private const int MaxBodyInReason = 200;

    public static string DeploymentPath(string ns, string name) =>
        $"apis/apps/v1/namespaces/{Uri.EscapeDataString(ns)}/deployments/{Uri.EscapeDataString(name)}";

    public static string ConfigMapPath(string ns, string name) =>
        $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/configmaps/{Uri.EscapeDataString(name)}";

    public Task<ApiResult> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, path, null, null, cancellationToken);

    public Task<ApiResult> PatchAsync(string path, string contentType, JsonNode patch, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Patch, path, contentType, patch.ToJsonString(), cancellationToken);

    /// <summary>Replaces the object; the body's <c>metadata.resourceVersion</c> makes it a compare-and-set (409 when stale).</summary>
    public Task<ApiResult> PutAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, path, "application/json", body.ToJsonString(), cancellationToken);

    /// <summary>Creates the object in the collection at <paramref name="path"/> (409 when it exists).</summary>
    public Task<ApiResult> PostAsync(string path, JsonObject body, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, "application/json", body.ToJsonString(), cancellationToken);

    private async Task<ApiResult> SendAsync(HttpMethod method, string path, string? contentType, string? body, CancellationToken cancellationToken)
    {
        var what = $"{method} {Describe(path)}";
        using var request = new HttpRequestMessage(method, new Uri(Base(), path));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (connection.Token() is { Length: > 0 } token)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType!);
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cts.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cts.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            var obj = Parse(text);
            if (response.IsSuccessStatusCode)
            {
                return obj is not null
                    ? new ApiResult(code, obj, "", false)
                    : new ApiResult(code, null, $"{what} returned {code} without a JSON object: {Snippet(text)}", false);
            }

            // The API's Status object says why in "message"; fall back to the raw body.
            var message = obj?["message"] is JsonValue m && m.TryGetValue<string>(out var s) ? s : Snippet(text);
            var transient = code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.Conflict;
            var hint = code == 403 ? $" (the ServiceAccount needs {Verb(method, path)} on {Resource(path)}; see docs/kubernetes.md, RBAC)" : "";
            return new ApiResult(code, null, $"{what} returned {code} {response.ReasonPhrase}: {message}{hint}".TrimEnd(' ', ':'), transient);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ApiResult(0, null, $"{what} timed out after {timeout.TotalMilliseconds:0} ms", true);
        }
        catch (HttpRequestException ex)
        {
            // Names the host and the socket or TLS error; request headers (the token) are never in it.
            return new ApiResult(0, null, $"{what} failed: {ex.Message}", true);
        }
    }

    private Uri Base()
    {
        var server = connection.Server.ToString();
        return new Uri(server.EndsWith('/') ? server : server + "/");
    }

    /// <summary>"deployments shop/checkout" for messages.</summary>
    public static string Describe(string path)
    {
        var parts = path.Split('?')[0].Split('/');
        if (IsCollection(parts))
        {
            return $"{parts[^1]} in namespace {Uri.UnescapeDataString(parts[^2])}";
        }

        return parts.Length >= 2 ? $"{parts[^2]} {Uri.UnescapeDataString(parts[^3])}/{Uri.UnescapeDataString(parts[^1])}" : path;
    }

    private static string Verb(HttpMethod method, string path) => method.Method switch
    {
        "GET" => path.Contains('?', StringComparison.Ordinal) ? "list" : "get",
        "PUT" => "update",
        "POST" => "create",
        _ => "patch",
    };

    private static string Resource(string path)
    {
        var parts = path.Split('?')[0].Split('/');
        if (IsCollection(parts))
        {
            return $"{parts[^1]} in namespace {Uri.UnescapeDataString(parts[^2])}";
        }

        return $"{parts[^2]} \"{Uri.UnescapeDataString(parts[^1])}\" in namespace {Uri.UnescapeDataString(parts[^3])}";
    }

    /// <summary>".../namespaces/NS/leases": a collection (LIST, POST), not one object.</summary>
    private static bool IsCollection(string[] parts) => parts.Length >= 3 && parts[^3] == "namespaces";

    private static JsonObject? Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Snippet(string body)
    {
        var oneLine = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= MaxBodyInReason ? oneLine : oneLine[..MaxBodyInReason] + "…";
    }
}

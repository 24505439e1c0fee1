using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lumen.Core.Adjustments;

namespace Lumen.Adapters.Executors;

/// <summary>
/// Sets knobs through a service's JSON admin endpoint (docs/executors.md, "http").
/// GET <c>url</c> → <c>{"knob": value, ...}</c>; PUT <c>url</c> with <c>{"knob": value}</c> (or the
/// whole object, see <see cref="HttpPutMode"/>). Any non-2xx answer, a timeout, a connection error
/// or a body that is not a JSON object with a finite number for the knob is a Failed result.
/// A conditional write (<see cref="SetIfAsync"/>) carries <c>Lumen-Expected: knob=value</c>; a target
/// that checks it answers 412 when the knob holds another value, which is a Conflicted result (with the
/// <c>current</c> value and <c>written_by</c> of its JSON answer, when given). A <c>Lumen-Written-By</c>
/// header on the GET answer says who last wrote the configuration (carried in <see cref="ExecutorResult.WrittenBy"/>).
/// </summary>
public sealed class HttpExecutor : IExecutor
{
    public const string KindName = "http";

    /// <summary>The precondition header of a conditional write: <c>knob=value</c>.</summary>
    public const string ExpectedHeader = "Lumen-Expected";

    /// <summary>The answer header that names who last wrote the configuration.</summary>
    public const string WrittenByHeader = "Lumen-Written-By";

    /// <summary>How much of an error body goes into a reason: enough to recognise an HTML error page.</summary>
    private const int MaxBodyInReason = 200;

    private readonly HttpExecutorOptions _options;
    private readonly HttpClient _client;

    /// <param name="client">Shared and owned by the caller; its own Timeout is not used (each call has <see cref="HttpExecutorOptions.Timeout"/>).</param>
    public HttpExecutor(HttpExecutorOptions options, HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(client);
        if (!options.Url.IsAbsoluteUri || options.Url.Scheme is not ("http" or "https"))
        {
            throw new ArgumentException($"The http executor needs an absolute http(s) URL, not {options.DisplayUrl}.", nameof(options));
        }

        _options = options;
        _client = client;
    }

    public string Kind => KindName;

    public async Task<ExecutorResult> GetAsync(string knob, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(knob);
        var (obj, failure, writtenBy) = await GetObjectAsync(cancellationToken).ConfigureAwait(false);
        if (obj is null)
        {
            return failure!;
        }

        var read = ReadKnob(obj, knob, "GET");
        return read.IsOk ? read with { WrittenBy = writtenBy } : read;
    }

    /// <summary>One GET of the admin endpoint for every knob (a tick reads each target once).</summary>
    public async Task<IReadOnlyDictionary<string, ExecutorResult>> GetAllAsync(IReadOnlyList<string> knobs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(knobs);
        var (obj, failure, writtenBy) = await GetObjectAsync(cancellationToken).ConfigureAwait(false);
        var results = new Dictionary<string, ExecutorResult>(StringComparer.Ordinal);
        foreach (var knob in knobs)
        {
            var read = obj is null ? failure! : ReadKnob(obj, knob, "GET");
            results[knob] = read.IsOk ? read with { WrittenBy = writtenBy } : read;
        }

        return results;
    }

    public Task<ExecutorResult> SetAsync(string knob, double value, CancellationToken cancellationToken) =>
        PutAsync(knob, null, value, cancellationToken);

    public Task<ExecutorResult> SetIfAsync(string knob, double expected, double value, CancellationToken cancellationToken) =>
        PutAsync(knob, expected, value, cancellationToken);

    private async Task<ExecutorResult> PutAsync(string knob, double? expected, double value, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(knob);
        if (!double.IsFinite(value))
        {
            return ExecutorResult.Failed($"refusing non-finite value for {knob}", transient: false);
        }

        JsonObject body;
        if (_options.PutMode == HttpPutMode.Object)
        {
            var (current, failure, _) = await GetObjectAsync(cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return failure!;
            }

            body = current;
        }
        else
        {
            body = [];
        }

        body[knob] = JsonValue.Create(value);
        using var request = NewRequest(HttpMethod.Put);
        request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        if (expected is { } e && double.IsFinite(e))
        {
            request.Headers.Add(ExpectedHeader, $"{knob}={e.ToString("R", CultureInfo.InvariantCulture)}");
        }

        var (status, text, writtenBy, error) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (status == HttpStatusCode.PreconditionFailed && expected is not null)
        {
            return Refused(knob, expected.Value, text, writtenBy);
        }

        if (error is not null)
        {
            return error;
        }

        // An endpoint that echoes its configuration tells us what it actually holds now; one that
        // answers 204 or a non-object leaves the read-back to the caller's next GetAsync.
        if (TryParseObject(text, out var echoed) && echoed.ContainsKey(knob))
        {
            return ReadKnob(echoed, knob, "PUT");
        }

        return ExecutorResult.Ok(value, $"PUT {_options.DisplayUrl} → {(int)status}");
    }

    /// <summary>A 412 to a conditional write: the knob holds another value. The answer's <c>current</c> and <c>written_by</c> are used when present.</summary>
    private ExecutorResult Refused(string knob, double expected, string text, string? writtenByHeader)
    {
        double? current = null;
        var writtenBy = writtenByHeader;
        if (TryParseObject(text, out var answer))
        {
            if (answer.TryGetPropertyValue("current", out var c) && c is not null && JsonFileEditor.TryReadNumber(c, out var v))
            {
                current = v;
            }

            if (answer.TryGetPropertyValue("written_by", out var w) && w is JsonValue wv && wv.TryGetValue<string>(out var who))
            {
                writtenBy = who;
            }
        }

        return ExecutorResult.Conflicted(
            $"PUT {_options.DisplayUrl} returned 412: {knob} no longer holds {expected.ToString(CultureInfo.InvariantCulture)}", current, Bounded(writtenBy));
    }

    private async Task<(JsonObject? Object, ExecutorResult? Failure, string? WrittenBy)> GetObjectAsync(CancellationToken cancellationToken)
    {
        using var request = NewRequest(HttpMethod.Get);
        var (_, text, writtenBy, error) = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (error is not null)
        {
            return (null, error, null);
        }

        return TryParseObject(text, out var obj)
            ? (obj, null, Bounded(writtenBy))
            : (null, ExecutorResult.Failed($"GET {_options.DisplayUrl} did not return a JSON object: {Snippet(text)}", transient: false), null);
    }

    /// <summary>A writer's name from the target goes into the ledger: one line, at most 200 characters.</summary>
    private static string? Bounded(string? name) =>
        string.IsNullOrWhiteSpace(name) ? null : Snippet(name);

    private HttpRequestMessage NewRequest(HttpMethod method)
    {
        var request = new HttpRequestMessage(method, _options.Url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!string.IsNullOrEmpty(_options.BearerToken))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.BearerToken);
        }

        if (method == HttpMethod.Put && _options.Fence?.Value is { } fence)
        {
            request.Headers.Add(Lumen.Core.Leases.FencingToken.HeaderName, fence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        return request;
    }

    /// <summary>Sends with the per-call timeout; every expected failure becomes a Failed result.</summary>
    private async Task<(HttpStatusCode Status, string Body, string? WrittenBy, ExecutorResult? Error)> SendAsync(
        HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var what = $"{request.Method} {_options.DisplayUrl}";
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.EffectiveTimeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            var writtenBy = response.Headers.TryGetValues(WrittenByHeader, out var names) ? names.FirstOrDefault() : null;
            if (!response.IsSuccessStatusCode)
            {
                var code = (int)response.StatusCode;
                var transient = code >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
                return (response.StatusCode, body, writtenBy, ExecutorResult.Failed(
                    $"{what} returned {code} {response.ReasonPhrase}: {Snippet(body)}".TrimEnd(' ', ':'), transient));
            }

            return (response.StatusCode, body, writtenBy, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (default, "", null, ExecutorResult.Failed(
                $"{what} timed out after {_options.EffectiveTimeout.TotalMilliseconds:0} ms", transient: true));
        }
        catch (HttpRequestException ex)
        {
            // The message names the host and the socket error; it never contains request headers.
            return (default, "", null, ExecutorResult.Failed($"{what} failed: {ex.Message}", transient: true));
        }
    }

    private ExecutorResult ReadKnob(JsonObject obj, string knob, string method)
    {
        if (!obj.TryGetPropertyValue(knob, out var node) || node is null)
        {
            return ExecutorResult.Failed($"{method} {_options.DisplayUrl}: the answer has no knob {knob}", transient: false);
        }

        return JsonFileEditor.TryReadNumber(node, out var value)
            ? ExecutorResult.Ok(value)
            : ExecutorResult.Failed($"{method} {_options.DisplayUrl}: {knob} is not a finite number: {Snippet(node.ToJsonString())}", transient: false);
    }

    private static bool TryParseObject(string text, out JsonObject obj)
    {
        obj = null!;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            if (JsonNode.Parse(text) is JsonObject parsed)
            {
                obj = parsed;
                return true;
            }
        }
        catch (JsonException)
        {
            // Not JSON: reported by the caller with a snippet of the body.
        }

        return false;
    }

    private static string Snippet(string body)
    {
        var oneLine = string.Join(' ', body.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= MaxBodyInReason ? oneLine : oneLine[..MaxBodyInReason] + "…";
    }
}

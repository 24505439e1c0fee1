using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lumen.Adapters.Tests.TestKit;

/// <summary>
/// A FAKE Kubernetes API server: no real API server can run on this machine, so this is real Kestrel
/// on 127.0.0.1 that implements exactly the endpoints the Kubernetes executor uses, as the API server
/// behaves: GET and PATCH (JSON patch, merge patch) of <c>apis/apps/v1 deployments</c> and
/// <c>api/v1 configmaps</c>; a patch whose result carries a resourceVersion other than the stored one
/// is refused with 409 and a Status object; a spec change bumps <c>metadata.generation</c> and starts a
/// simulated rollout whose status fields (observedGeneration, replicas, updatedReplicas,
/// availableReplicas) advance one step per GET of the Deployment, so a test is deterministic without
/// timing. For the Lease coordinator: <c>coordination.k8s.io/v1 leases</c> — LIST with an equality
/// label selector, GET, POST (409 AlreadyExists when the name is taken) and PUT (409 Conflict when
/// the body's resourceVersion is not the stored one), each write getting a new resourceVersion.
/// Bearer tokens are checked when <see cref="Token"/> is set.
/// </summary>
internal sealed class FakeKubernetesApi : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<string, JsonObject> _objects = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _rolloutStep = new(StringComparer.Ordinal);
    private long _resourceVersion = 100;

    private FakeKubernetesApi(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>When set, requests without <c>Authorization: Bearer {Token}</c> get 401.</summary>
    public string? Token { get; set; }

    /// <summary>GETs of a Deployment a rollout takes to complete (0: complete at once).</summary>
    public int RolloutSteps { get; set; } = 2;

    /// <summary>Rollouts never complete (a pod that never becomes available).</summary>
    public bool RolloutStuck { get; set; }

    /// <summary>Rollouts end in ProgressDeadlineExceeded.</summary>
    public bool ProgressDeadlineExceeded { get; set; }

    /// <summary>Runs once, before the next PATCH is applied: another writer changing the object in between.</summary>
    public Action? BeforeNextPatch { get; set; }

    public List<(string Method, string Path, string? ContentType, string Authorization, string Body)> Requests { get; } = [];

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var api = new FakeKubernetesApi(app);
        app.Run(api.HandleAsync);
        await app.StartAsync();
        api.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First() + "/");
        return api;
    }

    public static string DeploymentPath(string ns, string name) => $"/apis/apps/v1/namespaces/{ns}/deployments/{name}";

    public static string ConfigMapPath(string ns, string name) => $"/api/v1/namespaces/{ns}/configmaps/{name}";

    /// <summary>Adds a Deployment with one or more containers (each with the given literal env) whose rollout is complete.</summary>
    public void AddDeployment(string ns, string name, int replicas, params (string Container, (string Name, string Value)[] Env)[] containers)
    {
        var list = new JsonArray();
        foreach (var (container, env) in containers)
        {
            var c = new JsonObject { ["name"] = container, ["image"] = "example/app:1" };
            if (env.Length > 0)
            {
                c["env"] = new JsonArray([.. env.Select(e => (JsonNode)new JsonObject { ["name"] = e.Name, ["value"] = e.Value })]);
            }

            list.Add(c);
        }

        var obj = new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "Deployment",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["generation"] = 1, ["resourceVersion"] = NextVersion() },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["template"] = new JsonObject { ["metadata"] = new JsonObject(), ["spec"] = new JsonObject { ["containers"] = list } },
            },
        };
        SetStatus(obj, complete: true);
        lock (_objects)
        {
            _objects[DeploymentPath(ns, name)] = Reparse(obj);
        }
    }

    public void AddConfigMap(string ns, string name, params (string Key, string Value)[] data)
    {
        var d = new JsonObject();
        foreach (var (k, v) in data)
        {
            d[k] = v;
        }

        lock (_objects)
        {
            _objects[ConfigMapPath(ns, name)] = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "ConfigMap",
                ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["resourceVersion"] = NextVersion() },
                ["data"] = d,
            };
        }
    }

    /// <summary>A copy of the stored object (what a real API server holds, without advancing a rollout).</summary>
    public JsonObject Get(string path)
    {
        lock (_objects)
        {
            return Reparse(_objects[path]);
        }
    }

    /// <summary>Another writer changes the object: a new resourceVersion, as on a real API server.</summary>
    public void Mutate(string path, Action<JsonObject> change)
    {
        lock (_objects)
        {
            change(_objects[path]);
            _objects[path]["metadata"]!["resourceVersion"] = NextVersion();
            _objects[path] = Reparse(_objects[path]);
        }
    }

    public int Count(string method, string path)
    {
        lock (Requests)
        {
            return Requests.Count(r => r.Method == method && r.Path == path);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "";
        var body = await new StreamReader(ctx.Request.Body).ReadToEndAsync();
        var auth = ctx.Request.Headers.Authorization.ToString();
        lock (Requests)
        {
            Requests.Add((ctx.Request.Method, path, ctx.Request.ContentType, auth, body));
        }

        if (Token is not null && auth != $"Bearer {Token}")
        {
            await WriteStatusAsync(ctx, 401, "Unauthorized", "Unauthorized");
            return;
        }

        JsonObject? answer;
        int status;
        string reason;
        lock (_objects)
        {
            (status, answer, reason) = ctx.Request.Method switch
            {
                "GET" when path.EndsWith("/leases", StringComparison.Ordinal) => List(path, ctx.Request.Query["labelSelector"].ToString()),
                "GET" => Read(path),
                "PATCH" => Patch(path, ctx.Request.ContentType, body),
                "POST" when path.EndsWith("/leases", StringComparison.Ordinal) => Create(path, body),
                "PUT" when path.Contains("/leases/", StringComparison.Ordinal) => Replace(path, body),
                _ => (405, null, "MethodNotAllowed"),
            };
        }

        if (answer is null)
        {
            await WriteStatusAsync(ctx, status, reason, reason switch
            {
                "Conflict" => $"Operation cannot be fulfilled on {Resource(path)}: the object has been modified; please apply your changes to the latest version and try again",
                "AlreadyExists" => $"{Resource(path)} already exists",
                _ => $"{Resource(path)}: {reason}",
            });
            return;
        }

        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(answer.ToJsonString());
    }

    private (int, JsonObject?, string) Read(string path)
    {
        if (!_objects.TryGetValue(path, out var obj))
        {
            return (404, null, "NotFound");
        }

        if (path.Contains("/deployments/", StringComparison.Ordinal))
        {
            AdvanceRollout(path, obj);
            obj = _objects[path] = Reparse(obj);
        }

        return (200, Reparse(obj), "");
    }

    /// <summary>The Leases under <paramref name="path"/> (a namespace's collection) whose labels match every k=v of the selector.</summary>
    private (int, JsonObject?, string) List(string path, string selector)
    {
        var wanted = selector.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).ToList();
        var items = new JsonArray();
        foreach (var (key, obj) in _objects.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (key.StartsWith(path + "/", StringComparison.Ordinal)
                && wanted.All(w => obj["metadata"]?["labels"]?[w[0]]?.GetValue<string>() == (w.Length > 1 ? w[1] : null)))
            {
                items.Add(Reparse(obj));
            }
        }

        return (200, new JsonObject { ["apiVersion"] = "coordination.k8s.io/v1", ["kind"] = "LeaseList", ["items"] = items }, "");
    }

    private (int, JsonObject?, string) Create(string collection, string body)
    {
        var obj = JsonNode.Parse(body)!.AsObject();
        var name = obj["metadata"]?["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            return (422, null, "Invalid");
        }

        var path = $"{collection}/{name}";
        if (_objects.ContainsKey(path))
        {
            return (409, null, "AlreadyExists");
        }

        obj["metadata"]!["resourceVersion"] = NextVersion();
        _objects[path] = Reparse(obj);
        return (201, Reparse(obj), "");
    }

    private (int, JsonObject?, string) Replace(string path, string body)
    {
        if (!_objects.TryGetValue(path, out var stored))
        {
            return (404, null, "NotFound");
        }

        var obj = JsonNode.Parse(body)!.AsObject();
        var storedVersion = stored["metadata"]!["resourceVersion"]!.GetValue<string>();
        if (obj["metadata"]?["resourceVersion"]?.GetValue<string>() is { } wanted && wanted != storedVersion)
        {
            return (409, null, "Conflict");
        }

        obj["metadata"]!["resourceVersion"] = NextVersion();
        _objects[path] = Reparse(obj);
        return (200, Reparse(obj), "");
    }

    /// <summary>Every stored object under <paramref name="prefix"/> (copies).</summary>
    public IReadOnlyList<JsonObject> All(string prefix)
    {
        lock (_objects)
        {
            return [.. _objects.Where(kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Select(kv => Reparse(kv.Value))];
        }
    }

    public static string LeasesPath(string ns) => $"/apis/coordination.k8s.io/v1/namespaces/{ns}/leases";

    private (int, JsonObject?, string) Patch(string path, string? contentType, string body)
    {
        if (BeforeNextPatch is { } hook)
        {
            BeforeNextPatch = null;
            hook();
        }

        if (!_objects.TryGetValue(path, out var stored))
        {
            return (404, null, "NotFound");
        }

        var patched = (JsonObject)stored.DeepClone();
        var patch = JsonNode.Parse(body);
        try
        {
            switch (contentType?.Split(';')[0])
            {
                case "application/json-patch+json":
                    JsonPatch.Apply(patched, (JsonArray)patch!);
                    break;
                case "application/merge-patch+json":
                    MergePatch.Apply(patched, (JsonObject)patch!);
                    break;
                default:
                    return (415, null, "UnsupportedMediaType");
            }
        }
        catch (InvalidOperationException)
        {
            return (422, null, "Invalid");
        }

        // The API server's optimistic concurrency: the resourceVersion the patch leaves must be current.
        var storedVersion = stored["metadata"]!["resourceVersion"]!.GetValue<string>();
        if (patched["metadata"]?["resourceVersion"]?.GetValue<string>() is { } wanted && wanted != storedVersion)
        {
            return (409, null, "Conflict");
        }

        if (JsonNode.DeepEquals(patched, stored))
        {
            return (200, Reparse(stored), "");
        }

        patched["metadata"]!["resourceVersion"] = NextVersion();
        if (path.Contains("/deployments/", StringComparison.Ordinal) && !JsonNode.DeepEquals(patched["spec"], stored["spec"]))
        {
            patched["metadata"]!["generation"] = patched["metadata"]!["generation"]!.AsLong() + 1;
            _rolloutStep[path] = 0;
            if (RolloutSteps == 0)
            {
                SetStatus(patched, complete: true);
            }
        }

        _objects[path] = Reparse(patched);
        return (200, Reparse(patched), "");
    }

    /// <summary>The Deployment controller, one step per GET: observe the generation, then update and make available every replica.</summary>
    private void AdvanceRollout(string path, JsonObject obj)
    {
        if (!_rolloutStep.TryGetValue(path, out var step))
        {
            return;
        }

        step++;
        _rolloutStep[path] = step;
        var status = obj["status"]!.AsObject();
        status["observedGeneration"] = obj["metadata"]!["generation"]!.AsLong();
        if (ProgressDeadlineExceeded)
        {
            status["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "Progressing", ["status"] = "False", ["reason"] = "ProgressDeadlineExceeded",
            });
            _rolloutStep.Remove(path);
            return;
        }

        if (RolloutStuck || step < RolloutSteps)
        {
            status["updatedReplicas"] = 0;
            return;
        }

        SetStatus(obj, complete: true);
        _rolloutStep.Remove(path);
    }

    private static void SetStatus(JsonObject obj, bool complete)
    {
        var replicas = obj["spec"]!["replicas"]!.AsLong();
        obj["status"] = new JsonObject
        {
            ["observedGeneration"] = obj["metadata"]!["generation"]!.AsLong(),
            ["replicas"] = replicas,
            ["updatedReplicas"] = complete ? replicas : 0,
            ["availableReplicas"] = complete ? replicas : 0,
            ["conditions"] = new JsonArray(new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["reason"] = "NewReplicaSetAvailable" }),
        };
    }

    /// <summary>Numbers as the API server would parse them from JSON (nodes built in memory hold ints).</summary>
    private static JsonObject Reparse(JsonObject obj) => JsonNode.Parse(obj.ToJsonString())!.AsObject();

    private string NextVersion() => (++_resourceVersion).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Resource(string path)
    {
        var parts = path.Split('/');
        return parts.Length >= 2 ? $"{parts[^2]} \"{parts[^1]}\"" : path;
    }

    private static async Task WriteStatusAsync(HttpContext ctx, int code, string reason, string message)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.WriteAsync(new JsonObject
        {
            ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["message"] = message, ["reason"] = reason, ["code"] = code,
        }.ToJsonString());
    }
}

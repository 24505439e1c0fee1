namespace Lumen.Adapters.Tests.Deploy;

/// <summary>Structural checks every rendering of Lumen's manifests must pass, Helm or kustomize.</summary>
internal static class ManifestChecks
{
    private static readonly string[] AllowedVerbs = ["get", "patch", "create", "update"];

    /// <summary>The Lease coordinator lists its stage's Leases once per tick.</summary>
    private static readonly string[] LeaseVerbs = ["get", "list", "create", "update"];
    private static readonly string[] SecretNames = ["TOKEN", "PASSWORD", "SECRET", "KEY", "WEBHOOK"];

    public static object? At(object? node, string path)
    {
        foreach (var part in path.Split('.'))
        {
            node = node switch
            {
                Dictionary<string, object?> map => map.GetValueOrDefault(part),
                List<object?> list when int.TryParse(part, out var i) => i < list.Count ? list[i] : null,
                _ => null,
            };
        }

        return node;
    }

    public static string? Str(object? node, string path) => At(node, path) as string;

    public static List<object?> List(object? node, string path) => At(node, path) as List<object?> ?? [];

    public static IEnumerable<Dictionary<string, object?>> OfKind(IEnumerable<Dictionary<string, object?>> docs, string kind) =>
        docs.Where(d => Str(d, "kind") == kind);

    public static Dictionary<string, object?> LumenContainer(IEnumerable<Dictionary<string, object?>> docs) =>
        (Dictionary<string, object?>)List(Assert.Single(OfKind(docs, "StatefulSet")), "spec.template.spec.containers")
            .Cast<Dictionary<string, object?>>().Single(c => Str(c, "name") == "lumen");

    /// <summary>Least-privilege RBAC, probes on /healthz and /readyz, non-root, listening beyond loopback, no secret inline.</summary>
    public static void Check(List<Dictionary<string, object?>> docs)
    {
        Assert.Empty(OfKind(docs, "Secret"));
        Assert.Empty(OfKind(docs, "ClusterRole"));
        Assert.Empty(OfKind(docs, "ClusterRoleBinding"));
        foreach (var role in OfKind(docs, "Role"))
        {
            foreach (var rule in List(role, "rules"))
            {
                var verbs = List(rule, "verbs").Cast<string>().ToList();
                var resources = List(rule, "resources").Cast<string>().ToList();
                Assert.All(verbs, v => Assert.Contains(v, resources.SequenceEqual(["leases"]) ? LeaseVerbs : AllowedVerbs));
                Assert.DoesNotContain("*", resources);
                Assert.DoesNotContain("secrets", resources);
                if (resources.Contains("deployments") || resources.Contains("configmaps"))
                {
                    Assert.Equal(["get", "patch"], verbs);
                    Assert.NotEmpty(List(rule, "resourceNames"));
                }
            }
        }

        var container = LumenContainer(docs);
        Assert.Equal("/healthz", Str(container, "livenessProbe.httpGet.path"));
        Assert.Equal("/readyz", Str(container, "readinessProbe.httpGet.path"));
        Assert.Equal("/healthz", Str(container, "startupProbe.httpGet.path"));
        Assert.Equal("http", Str(container, "readinessProbe.httpGet.port"));
        var args = List(container, "args").Select(a => a?.ToString()).ToList();
        Assert.Equal("0.0.0.0", args[args.IndexOf("--listen") + 1]);
        Assert.Equal(true, At(Assert.Single(OfKind(docs, "StatefulSet")), "spec.template.spec.securityContext.runAsNonRoot"));
        Assert.Equal(false, At(container, "securityContext.allowPrivilegeEscalation"));
        Assert.NotNull(At(container, "resources.requests.cpu"));
        Assert.NotNull(At(container, "resources.requests.memory"));
        foreach (var env in List(container, "env").Cast<Dictionary<string, object?>>())
        {
            var name = Str(env, "name")!;
            if (SecretNames.Any(s => name.Contains(s, StringComparison.Ordinal)))
            {
                Assert.True(name.EndsWith("_FILE", StringComparison.Ordinal), $"env {name} holds a secret inline; use {name}_FILE");
                Assert.StartsWith("/var/run/secrets/", Str(env, "value"), StringComparison.Ordinal);
            }
        }
    }
}

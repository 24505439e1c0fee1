using Lumen.Adapters.Tests.TestKit;
using static Lumen.Adapters.Tests.Deploy.ManifestChecks;

namespace Lumen.Adapters.Tests.Deploy;

/// <summary>
/// deploy/helm/lumen rendered and checked structurally. No helm binary is packaged by Debian or npm,
/// so the templates are rendered by the test kit's <see cref="GoTemplate"/> (the constructs and Helm
/// functions the chart uses; anything else fails); when helm is on the PATH, helm template's output
/// passes the same checks.
/// </summary>
public sealed class HelmChartTests
{
    private const string Targets = """
        rbac:
          targets:
            - namespace: shop
              deployments: [checkout-canary, checkout-baseline]
              configMaps: [checkout-canary-config]
        secrets:
          existingSecret: lumen-secrets
          files:
            - env: PROMETHEUS_BEARER_TOKEN
              key: prometheus-token
            - env: CHECKOUT_ADMIN_TOKEN
              key: checkout-admin-token
        env:
          DRY_RUN: "0"
        config:
          files:
            services.yaml: |
              version: 1
        """;

    [Fact]
    public void Render_Defaults_OneReplicaStatefulSetServiceAccountConfigMapAndService()
    {
        var docs = HelmChart.Render();

        Assert.Equal(["ConfigMap", "Service", "ServiceAccount", "StatefulSet"], docs.Select(d => Str(d, "kind")!).Order(StringComparer.Ordinal));
        Check(docs);
        var set = Assert.Single(OfKind(docs, "StatefulSet"));
        Assert.Equal(1L, At(set, "spec.replicas"));
        Assert.Equal("lumen", Str(set, "metadata.name"));
        Assert.Equal("lumen-system", Str(set, "metadata.namespace"));
        Assert.Equal("lumen:0.1.0", Str(LumenContainer(docs), "image"));
        Assert.Equal("state", Str(set, "spec.volumeClaimTemplates.0.metadata.name"));
        Assert.Equal("lumen", Str(set, "spec.template.spec.serviceAccountName"));
    }

    [Fact]
    public void Render_WithTargets_RolesGrantGetAndPatchOnTheNamedObjectsOnly()
    {
        var docs = HelmChart.Render(Targets);

        Check(docs);
        var role = Assert.Single(OfKind(docs, "Role"));
        Assert.Equal("shop", Str(role, "metadata.namespace"));
        var rules = List(role, "rules");
        Assert.Equal(2, rules.Count);
        Assert.Equal(["apps"], List(rules[0], "apiGroups").Cast<string>());
        Assert.Equal(["deployments"], List(rules[0], "resources").Cast<string>());
        Assert.Equal(["checkout-canary", "checkout-baseline"], List(rules[0], "resourceNames").Cast<string>());
        Assert.Equal([""], List(rules[1], "apiGroups").Cast<string>());
        Assert.Equal(["checkout-canary-config"], List(rules[1], "resourceNames").Cast<string>());
        var binding = Assert.Single(OfKind(docs, "RoleBinding"));
        Assert.Equal("shop", Str(binding, "metadata.namespace"));
        Assert.Equal("lumen", Str(binding, "subjects.0.name"));
        Assert.Equal("lumen-system", Str(binding, "subjects.0.namespace"));
    }

    [Fact]
    public void Render_Leases_AddsGetListCreateUpdateOnLeasesInLumensNamespace()
    {
        var docs = HelmChart.Render("rbac: { leases: true }");

        var role = Assert.Single(OfKind(docs, "Role"));
        Assert.Equal("lumen-system", Str(role, "metadata.namespace"));
        Assert.Equal(["leases"], List(role, "rules.0.resources").Cast<string>());
        Assert.Equal(["coordination.k8s.io"], List(role, "rules.0.apiGroups").Cast<string>());
        Assert.Equal(["get", "list", "create", "update"], List(role, "rules.0.verbs").Cast<string>());
        Check(docs);
    }

    [Fact]
    public void Render_ThreeReplicasOnKubernetesLeases_GrantsTheLeasesAndNamesEachReplicaByItsPod()
    {
        var docs = HelmChart.Render("replicas: 3\ncoordination: kubernetes");

        Check(docs);
        var set = Assert.Single(OfKind(docs, "StatefulSet"));
        Assert.Equal(3L, At(set, "spec.replicas"));
        var role = Assert.Single(OfKind(docs, "Role"));
        Assert.Equal(["get", "list", "create", "update"], List(role, "rules.0.verbs").Cast<string>());
        var binding = Assert.Single(OfKind(docs, "RoleBinding"));
        Assert.Equal(Str(role, "metadata.name"), Str(binding, "roleRef.name"));
        Assert.Equal("lumen", Str(binding, "subjects.0.name"));
        var replicaId = List(LumenContainer(docs), "env").Single(e => Str(e, "name") == "LUMEN_REPLICA_ID");
        Assert.Equal("metadata.name", Str(replicaId, "valueFrom.fieldRef.fieldPath"));
        // A read-only root filesystem: the single-file binary unpacks into an emptyDir at /tmp.
        Assert.Contains(List(LumenContainer(docs), "volumeMounts"), m => Str(m, "mountPath") == "/tmp");
        Assert.Contains(List(set, "spec.template.spec.volumes"), v => Str(v, "name") == "tmp" && At(v, "emptyDir") is not null);
    }

    [Fact]
    public void Render_ThreeReplicasOnEtcd_NeedsNoLeaseRbac()
    {
        var docs = HelmChart.Render("replicas: 3\ncoordination: etcd");

        Check(docs);
        Assert.Equal(3L, At(Assert.Single(OfKind(docs, "StatefulSet")), "spec.replicas"));
        Assert.Empty(OfKind(docs, "Role"));
    }

    [Fact]
    public void Render_Secrets_AreMountedFilesAndNeverInline()
    {
        var docs = HelmChart.Render(Targets);

        var container = LumenContainer(docs);
        var env = List(container, "env").Cast<Dictionary<string, object?>>().ToDictionary(e => Str(e, "name")!, e => Str(e, "value"));
        Assert.Equal("/var/run/secrets/lumen/prometheus-token", env["PROMETHEUS_BEARER_TOKEN_FILE"]);
        Assert.Equal("/var/run/secrets/lumen/checkout-admin-token", env["CHECKOUT_ADMIN_TOKEN_FILE"]);
        Assert.Equal("0", env["DRY_RUN"]);
        var volumes = List(Assert.Single(OfKind(docs, "StatefulSet")), "spec.template.spec.volumes");
        Assert.Contains(volumes, v => Str(v, "secret.secretName") == "lumen-secrets");
        Assert.Contains(List(container, "volumeMounts"), m => Str(m, "mountPath") == "/var/run/secrets/lumen" && At(m, "readOnly") is true);
        Assert.Empty(OfKind(docs, "Secret"));
    }

    [Fact]
    public void Render_ConfigFiles_GoIntoTheConfigMapMountedAsTheConfigDir()
    {
        var docs = HelmChart.Render(Targets);

        var map = Assert.Single(OfKind(docs, "ConfigMap"));
        Assert.Equal("version: 1", (((Dictionary<string, object?>)At(map, "data")!)["services.yaml"] as string)?.TrimEnd());
        var container = LumenContainer(docs);
        Assert.Contains(List(container, "env"), e => Str(e, "name") == "LUMEN_CONFIG_DIR" && Str(e, "value") == "/etc/lumen/config");
        Assert.Contains(List(Assert.Single(OfKind(docs, "StatefulSet")), "spec.template.spec.volumes"),
            v => Str(v, "configMap.name") == Str(map, "metadata.name"));
    }

    [Fact]
    public void Render_ExistingConfigMap_IsUsedAndNoneIsCreated()
    {
        var docs = HelmChart.Render("config: { existingConfigMap: my-config }");

        Assert.Empty(OfKind(docs, "ConfigMap"));
        Assert.Contains(List(Assert.Single(OfKind(docs, "StatefulSet")), "spec.template.spec.volumes"), v => Str(v, "configMap.name") == "my-config");
    }

    [Fact]
    public void Render_ServiceMonitorAndPodMonitor_WhenEnabled()
    {
        var docs = HelmChart.Render("metrics: { serviceMonitor: { enabled: true, labels: { release: prom } }, podMonitor: { enabled: true } }");

        var monitor = Assert.Single(OfKind(docs, "ServiceMonitor"));
        Assert.Equal("/metrics", Str(monitor, "spec.endpoints.0.path"));
        Assert.Equal("http", Str(monitor, "spec.endpoints.0.port"));
        Assert.Equal("prom", Str(monitor, "metadata.labels.release"));
        Assert.Equal("/metrics", Str(Assert.Single(OfKind(docs, "PodMonitor")), "spec.podMetricsEndpoints.0.path"));
        Assert.Empty(OfKind(HelmChart.Render(), "ServiceMonitor"));
    }

    [Theory]
    [InlineData("replicas: 3", "replicas > 1 needs a coordination engine")]
    [InlineData("replicas: 2\ncoordination: local", "replicas > 1 needs a coordination engine")]
    [InlineData("coordination: zookeeper", "coordination \"zookeeper\" is not one of local, etcd, kubernetes")]
    [InlineData("secrets: { files: [ { env: X_TOKEN, key: x } ] }", "secrets.files needs secrets.existingSecret")]
    public void Render_WhatCannotWork_FailsWithAMessage(string overrides, string message)
    {
        var ex = Assert.Throws<GoTemplate.FailException>(() => HelmChart.Render(overrides));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void HelmTemplate_WhenHelmIsInstalled_PassesTheSameChecks()
    {
        var file = Path.Combine(Path.GetTempPath(), $"lumen-helm-values-{Environment.ProcessId}.yaml");
        File.WriteAllText(file, Targets);
        try
        {
            var docs = HelmChart.RenderWithHelm(file);
            if (docs is null)
            {
                return; // No helm on this machine (none is packaged): the rendering above is the check.
            }

            Check(docs);
            Assert.Single(OfKind(docs, "Role"));
        }
        finally
        {
            File.Delete(file);
        }
    }
}

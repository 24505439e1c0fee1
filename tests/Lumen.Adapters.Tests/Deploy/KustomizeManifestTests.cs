using System.Diagnostics;
using Lumen.Adapters.Tests.Config;
using static Lumen.Adapters.Tests.Deploy.ManifestChecks;

namespace Lumen.Adapters.Tests.Deploy;

/// <summary>deploy/kustomize rendered by the real <c>kubectl kustomize</c> (kubectl is part of the build machine) and checked like the Helm chart.</summary>
public sealed class KustomizeManifestTests
{
    [Fact]
    public void KubectlKustomize_Renders_LeastPrivilegeProbesAndNoInlineSecrets()
    {
        var docs = TestKit.HelmChart.Documents(Kustomize(Path.Combine(ConfigFixtures.RepoRoot, "deploy", "kustomize")));

        Assert.Equal(["Namespace", "Role", "RoleBinding", "Service", "ServiceAccount", "StatefulSet"], docs.Select(d => Str(d, "kind")!).Order(StringComparer.Ordinal));
        Check(docs);
        var role = Assert.Single(OfKind(docs, "Role"));
        Assert.Equal("shop", Str(role, "metadata.namespace"));
        Assert.Equal("lumen", Str(Assert.Single(OfKind(docs, "StatefulSet")), "metadata.namespace"));
        Assert.Equal(1L, At(Assert.Single(OfKind(docs, "StatefulSet")), "spec.replicas"));
        Assert.Equal("lumen", Str(Assert.Single(OfKind(docs, "RoleBinding")), "subjects.0.namespace"));
    }

    private static string Kustomize(string dir)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("kustomize");
        start.ArgumentList.Add(dir);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"kubectl kustomize {dir}: {stderr}");
        return stdout.Result;
    }
}

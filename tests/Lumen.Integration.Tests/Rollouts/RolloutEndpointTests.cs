using System.Security.Cryptography;
using System.Text.Json;
using Lumen.Core.Approvals;
using Lumen.Integration.Tests.TestKit;
using YamlDotNet.RepresentationModel;

namespace Lumen.Integration.Tests.Rollouts;

/// <summary>
/// The rollout endpoints of <c>lumen run</c> against a real Prometheus holding canary and stable histories:
/// Flagger's documented webhook payloads and the shipped Argo AnalysisTemplate's web-provider requests,
/// replayed on loopback. No answer is a pass without data.
/// </summary>
public sealed class RolloutEndpointTests(RolloutFixture fixture) : IClassFixture<RolloutFixture>
{
    private const string FlaggerJudge = "rollouts/flagger/judge";
    private const string FlaggerConfirm = "rollouts/flagger/confirm-promotion";
    private const string ArgoJudge = "rollouts/argo/judge";
    private const string ArgoConfirm = "rollouts/argo/confirm-promotion";

    [Fact]
    public async Task FlaggerRollout_IdenticalTracks_200PassWithTheReportHashAndALedgerEntry()
    {
        await using var host = await RolloutHost.StartAsync(fixture.Prometheus);

        var (status, body) = await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("good", "test"));

        Assert.Equal(200, status);
        Assert.Equal("pass", body.GetProperty("decision").GetString());
        Assert.True(body.GetProperty("final").GetBoolean());
        var sha = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(host.ReportPath("good"))));
        Assert.Equal(sha, body.GetProperty("report_sha256").GetString());
        Assert.NotEmpty(body.GetProperty("gates").EnumerateArray());
        Assert.All(body.GetProperty("gates").EnumerateArray(), g => Assert.Equal("pass", g.GetProperty("outcome").GetString()));
        var decision = Assert.Single(host.Entries(), e => e.GetProperty("kind").GetString() == "canary.decision");
        Assert.Equal(sha, decision.GetProperty("data").GetProperty("report_sha256").GetString());
        Assert.Equal("flagger test/good", decision.GetProperty("data").GetProperty("rollout").GetString());
        Assert.Equal("good", decision.GetProperty("service").GetString());
    }

    [Fact]
    public async Task FlaggerRollout_IstioMetricsInMillisecondsWithErrorsByResponseCode_200Pass()
    {
        await using var host = await RolloutHost.StartAsync(fixture.Prometheus);

        var (status, body) = await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("mesh", "test"));

        // Read as seconds the bounds would put p95 at 100 s, and every request would count as an error:
        // both would fail the stage's SLO. A pass shows the unit and the errors selector were applied.
        Assert.Equal(200, status);
        Assert.Equal("pass", body.GetProperty("decision").GetString());
        var decision = Assert.Single(host.Entries(), e => e.GetProperty("kind").GetString() == "canary.decision");
        Assert.True(decision.GetProperty("data").GetProperty("canary_requests").GetInt64() > 0);
        using var report = JsonDocument.Parse(File.ReadAllBytes(host.ReportPath("mesh")));
        Assert.InRange(report.RootElement.GetProperty("latency_event").GetProperty("bound_seconds").GetDouble(), 0.01, 0.25);
    }

    [Fact]
    public async Task FlaggerRollout_CanaryWithTenfoldErrors_412Fail()
    {
        await using var host = await RolloutHost.StartAsync(fixture.Prometheus);

        var (status, body) = await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("bad", "test"));

        Assert.Equal(412, status);
        Assert.Equal("fail", body.GetProperty("decision").GetString());
        Assert.True(body.GetProperty("final").GetBoolean());
        Assert.Contains(body.GetProperty("gates").EnumerateArray(), g => g.GetProperty("outcome").GetString() == "fail");
        Assert.NotEmpty(body.GetProperty("reasons").EnumerateArray());
        Assert.Contains(host.Entries(), e => e.GetProperty("kind").GetString() == "canary.decision"
                                             && e.GetProperty("data").GetProperty("decision").GetString() == "fail");
    }

    [Fact]
    public async Task FlaggerRollout_TrickleOfTraffic_202InconclusiveNotFinal()
    {
        await using var host = await RolloutHost.StartAsync(fixture.Prometheus);

        var (status, body) = await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("thin", "test"));

        Assert.Equal(202, status);
        Assert.Equal("inconclusive", body.GetProperty("decision").GetString());
        Assert.False(body.GetProperty("final").GetBoolean());

        // Not decided is never a promotion.
        var (confirm, answer) = await host.PostAsync(fixture.Http, FlaggerConfirm, RolloutHost.Flagger("thin", "test"));
        Assert.Equal(409, confirm);
        Assert.False(answer.GetProperty("promote").GetBoolean());
    }

    [Fact]
    public async Task UnknownCanary_404NamingTheMappingToAdd_NothingWritten()
    {
        await using var host = await RolloutHost.StartAsync(fixture.Prometheus);

        var (status, body) = await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("podinfo", "other"));
        var (argoStatus, _) = await host.PostAsync(fixture.Http, ArgoJudge, RolloutHost.Argo("good", "test", "a", "b"), RolloutHost.Token);

        Assert.Equal(404, status);
        Assert.Equal("error", body.GetProperty("decision").GetString());
        Assert.Contains("other/podinfo", body.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(404, argoStatus); // test/good is a Flagger canary, not an Argo rollout
        Assert.DoesNotContain(host.Entries(), e => e.GetProperty("kind").GetString() == "canary.decision");
    }

    [Fact]
    public async Task BadToken_401_NothingJudgedNorWritten()
    {
        await using var host = await RolloutHost.StartAsync(fixture.Prometheus);

        var wrongMetadata = await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("good", "test", token: "guess"));
        var none = await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("good", "test", token: null));
        var wrongHeader = await host.PostAsync(fixture.Http, ArgoJudge,
            RolloutHost.Argo("checkout", "shop", RolloutFixture.StableHash, RolloutFixture.CanaryHash), "guess");
        var confirm = await host.PostAsync(fixture.Http, FlaggerConfirm, RolloutHost.Flagger("good", "test", token: "guess"));

        Assert.All(new[] { wrongMetadata, none, wrongHeader, confirm }, r =>
        {
            Assert.Equal(401, r.Status);
            Assert.Equal("error", r.Body.GetProperty("decision").GetString());
        });
        Assert.False(File.Exists(host.ReportPath("good")));
        Assert.All(host.Entries(), e => Assert.Equal("ledger.opened", e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task PrometheusDown_503ErrorForBothTools_NeverAPassAndNothingWritten()
    {
        await using var host = await RolloutHost.StartAsync(new Uri($"http://127.0.0.1:{LoopbackPort.Unbound()}/"));

        var flagger = await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("good", "test"));
        var argo = await host.PostAsync(fixture.Http, ArgoJudge,
            RolloutHost.Argo("checkout", "shop", RolloutFixture.StableHash, RolloutFixture.CanaryHash), RolloutHost.Token);
        var confirm = await host.PostAsync(fixture.Http, FlaggerConfirm, RolloutHost.Flagger("good", "test"));

        Assert.Equal(503, flagger.Status);
        Assert.Equal(503, argo.Status);
        foreach (var body in new[] { flagger.Body, argo.Body })
        {
            Assert.Equal("error", body.GetProperty("decision").GetString());
            Assert.False(body.GetProperty("final").GetBoolean());
            Assert.Equal(JsonValueKind.Null, body.GetProperty("report_sha256").ValueKind);
            Assert.False(EvaluateShipped("lumen-canary", "successCondition", body), "the shipped successCondition must not hold for an error body");
        }

        Assert.Equal(409, confirm.Status);
        Assert.False(File.Exists(host.ReportPath("good")));
        Assert.All(host.Entries(), e => Assert.Equal("ledger.opened", e.GetProperty("kind").GetString()));
    }

    [Fact]
    public async Task FlaggerConfirmPromotion_PassThenApproval_409RequestedThen200()
    {
        await using var host = await RolloutHost.StartAsync(fixture.Prometheus);
        var (judged, verdict) = await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("good", "test"));
        Assert.Equal(200, judged);
        var sha = verdict.GetProperty("report_sha256").GetString();

        var (first, requested) = await host.PostAsync(fixture.Http, FlaggerConfirm, RolloutHost.Flagger("good", "test", phase: "WaitingPromotion"));
        var (second, waiting) = await host.PostAsync(fixture.Http, FlaggerConfirm, RolloutHost.Flagger("good", "test", phase: "WaitingPromotion"));

        Assert.Equal(409, first);
        Assert.Equal("requested", requested.GetProperty("approval").GetProperty("status").GetString());
        var id = requested.GetProperty("approval").GetProperty("id").GetString()!;
        Assert.Equal(409, second);
        Assert.Equal("waiting", waiting.GetProperty("approval").GetProperty("status").GetString());
        Assert.Equal(id, waiting.GetProperty("approval").GetProperty("id").GetString());
        var request = Assert.Single(host.Entries(), e => e.GetProperty("kind").GetString() == "approval.requested");
        Assert.Equal(sha, request.GetProperty("data").GetProperty("report_sha256").GetString());

        // A person approves in the console (the same ApprovalService the console uses).
        var check = await host.Approvals.DecideAsync(new ApprovalDecision(id, true, "alice", ApprovalChannel.Console, DateTimeOffset.UtcNow, null),
            ApproverAllowlist.Anyone, CancellationToken.None);
        Assert.True(check.IsSuccess, check.Message);

        var (approved, answer) = await host.PostAsync(fixture.Http, FlaggerConfirm, RolloutHost.Flagger("good", "test", phase: "WaitingPromotion"));
        var (otherRevision, _) = await host.PostAsync(fixture.Http, FlaggerConfirm, RolloutHost.Flagger("good", "test", checksum: "0000000000"));

        Assert.Equal(200, approved);
        Assert.True(answer.GetProperty("promote").GetBoolean());
        Assert.Equal("approved", answer.GetProperty("approval").GetProperty("status").GetString());
        Assert.Equal(409, otherRevision); // a pass for one revision never promotes another
    }

    [Fact]
    public async Task FlaggerConfirmPromotion_FailedReport_409AndNoApprovalRequested()
    {
        await using var host = await RolloutHost.StartAsync(fixture.Prometheus);
        Assert.Equal(412, (await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("bad", "test"))).Status);

        var (status, body) = await host.PostAsync(fixture.Http, FlaggerConfirm, RolloutHost.Flagger("bad", "test"));

        Assert.Equal(409, status);
        Assert.False(body.GetProperty("promote").GetBoolean());
        Assert.DoesNotContain(host.Entries(), e => e.GetProperty("kind").GetString() == "approval.requested");
    }

    [Fact]
    public async Task ArgoWebProvider_TracksByPodTemplateHash_200PassAndTheShippedConditionsReadIt()
    {
        await using var host = await RolloutHost.StartAsync(fixture.Prometheus, approvalRequired: false);

        var (status, body) = await host.PostAsync(fixture.Http, ArgoJudge,
            RolloutHost.Argo("checkout", "shop", RolloutFixture.StableHash, RolloutFixture.CanaryHash), RolloutHost.Token);
        var (confirmStatus, confirm) = await host.PostAsync(fixture.Http, ArgoConfirm,
            RolloutHost.Argo("checkout", "shop", RolloutFixture.StableHash, RolloutFixture.CanaryHash), RolloutHost.Token);

        Assert.Equal(200, status);
        Assert.Equal("pass", body.GetProperty("decision").GetString());
        Assert.True(EvaluateShipped("lumen-canary", "successCondition", body));
        Assert.False(EvaluateShipped("lumen-canary", "failureCondition", body));
        Assert.Equal(200, confirmStatus);
        Assert.True(EvaluateShipped("lumen-promotion", "successCondition", confirm));
        Assert.False(EvaluateShipped("lumen-promotion", "failureCondition", confirm));
        var decision = Assert.Single(host.Entries(), e => e.GetProperty("kind").GetString() == "canary.decision");
        Assert.True(decision.GetProperty("data").GetProperty("baseline_requests").GetInt64() > 0);
        Assert.True(decision.GetProperty("data").GetProperty("canary_requests").GetInt64() > 0);
    }

    [Fact]
    public async Task ArgoWebProvider_FailAndUndecided_TheShippedConditionsFailAndWait()
    {
        await using var host = await RolloutHost.StartAsync(fixture.Prometheus);
        // Argo reads the body: the judge answers 200 whatever it decided, and the template's conditions decide.
        var (failStatus, fail) = await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("bad", "test"));
        var (thinStatus, thin) = await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("thin", "test"));

        Assert.Equal(412, failStatus);
        Assert.True(EvaluateShipped("lumen-canary", "failureCondition", fail));
        Assert.False(EvaluateShipped("lumen-canary", "successCondition", fail));
        Assert.Equal(202, thinStatus);
        Assert.False(EvaluateShipped("lumen-canary", "failureCondition", thin)); // Inconclusive: tolerated, never a pass
        Assert.False(EvaluateShipped("lumen-canary", "successCondition", thin));

        // Argo without the hashes its track label needs: a clear 400, nothing judged.
        var (missing, answer) = await host.PostAsync(fixture.Http, ArgoJudge,
            """{"name":"checkout","namespace":"shop","metadata":{}}""", RolloutHost.Token);
        Assert.Equal(400, missing);
        Assert.Contains("canary_hash", answer.GetProperty("reasons")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RateLimit_OverThePermits_429()
    {
        await using var host = await RolloutHost.StartAsync(new Uri($"http://127.0.0.1:{LoopbackPort.Unbound()}/"), permitsPerMinute: 3);

        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await host.PostAsync(fixture.Http, FlaggerJudge, RolloutHost.Flagger("good", "test", token: "guess"))).Status);
        }

        Assert.Equal([401, 401, 401, 429], statuses);
    }

    /// <summary>The condition of a metric in the shipped deploy/argo/analysis-templates.yaml, evaluated on an answer.</summary>
    private static bool EvaluateShipped(string template, string condition, JsonElement body)
    {
        var yaml = new YamlStream();
        yaml.Load(new StringReader(File.ReadAllText(Path.Combine(Repo.Root(), "deploy", "argo", "analysis-templates.yaml"))));
        var doc = yaml.Documents.Select(d => (YamlMappingNode)d.RootNode)
            .Single(d => ((YamlScalarNode)((YamlMappingNode)d["metadata"])["name"]).Value == template);
        var metric = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)doc["spec"])["metrics"])[0];
        var web = (YamlMappingNode)((YamlMappingNode)metric["provider"])["web"];
        Assert.Contains("/rollouts/argo/", ((YamlScalarNode)web["url"]).Value, StringComparison.Ordinal);
        return ArgoCondition.Evaluate(((YamlScalarNode)metric[condition]).Value!, body);
    }
}

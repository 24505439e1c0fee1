using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Lumen.Integration.Tests.TestKit;
using Lumen.Web.Rollouts;

namespace Lumen.Integration.Tests.Rollouts;

/// <summary><c>lumen run</c> as a child process serves the rollout endpoints beside its probes, with the token from <c>_FILE</c>.</summary>
public sealed class LumenRunRolloutTests(RolloutFixture fixture) : IClassFixture<RolloutFixture>
{
    [Fact]
    public async Task LumenRun_WithTheTokenFile_ServesTheJudgeAndTheGateAndNeverLogsTheToken()
    {
        var root = Directory.CreateTempSubdirectory("lumen-run-rollouts-").FullName;
        try
        {
            var config = RolloutConfig.Write(root, fixture.Prometheus, approvalRequired: false);
            var tokenFile = Path.Combine(root, "rollout-token");
            await File.WriteAllTextAsync(tokenFile, RolloutHost.Token + "\n");
            var port = LoopbackPort.Unbound();
            var env = new Dictionary<string, string>
            {
                ["LUMEN_CONFIG_DIR"] = config,
                ["LUMEN_STATE_DIR"] = Path.Combine(root, "state"),
                ["DRY_RUN"] = "1",
                [RolloutOptions.TokenVariable + "_FILE"] = tokenFile,
            };
            using var run = LumenProcess.Start(env, "run", "--stage", "dev", "--port", port.ToString(CultureInfo.InvariantCulture));
            var url = new Uri($"http://127.0.0.1:{port}/rollouts/flagger/judge");

            var status = await Poll.UntilAsync(async () =>
            {
                Assert.False(run.HasExited, run.Output);
                try
                {
                    using var content = new StringContent(RolloutHost.Flagger("good", "test"), Encoding.UTF8, "application/json");
                    using var response = await fixture.Http.PostAsync(url, content);
                    return (int)response.StatusCode;
                }
                catch (HttpRequestException)
                {
                    return 0;
                }
            }, s => s != 0, "lumen run to answer on the judge endpoint", attempts: 600, delayMs: 200);

            using var wrong = new HttpRequestMessage(HttpMethod.Post, url)
            {
                Content = new StringContent(RolloutHost.Flagger("good", "test", token: null), Encoding.UTF8, "application/json"),
            };
            wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "guess");
            using var refused = await fixture.Http.SendAsync(wrong);
            using var confirmContent = new StringContent(RolloutHost.Flagger("good", "test"), Encoding.UTF8, "application/json");
            using var confirm = await fixture.Http.PostAsync(new Uri($"http://127.0.0.1:{port}/rollouts/flagger/confirm-promotion"), confirmContent);

            Assert.Equal(200, status);
            Assert.Equal(401, (int)refused.StatusCode);
            Assert.Equal(200, (int)confirm.StatusCode); // passing report, stage without approval
            Assert.True(File.Exists(Path.Combine(root, "state", "rollouts", "good", "canary_report.json")));
            Assert.Contains("Rollout endpoints", run.Output, StringComparison.Ordinal);
            Assert.DoesNotContain(RolloutHost.Token, run.Output, StringComparison.Ordinal);
        }
        finally
        {
            try
            {
                Directory.Delete(root, recursive: true);
            }
            catch (IOException)
            {
                // A temp dir left behind is not worth failing a test for.
            }
        }
    }
}

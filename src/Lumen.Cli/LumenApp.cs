using Lumen.Adapters.Config;
using Lumen.Cli.Commands.Approvals;
using Lumen.Cli.Commands.Bench;
using Lumen.Cli.Commands.Canary;
using Lumen.Cli.Commands.Config;
using Lumen.Cli.Commands.Demo;
using Lumen.Cli.Commands.Health;
using Lumen.Cli.Commands.Ledger;
using Lumen.Cli.Commands.Map;
using Lumen.Cli.Commands.Release;
using Lumen.Cli.Commands.Run;
using Lumen.Core.Policy;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Lumen.Cli;

/// <summary>The composition root: every command of the <c>lumen</c> CLI is registered here.</summary>
internal static class LumenApp
{
    private const int SpectreParseError = -1;

    [System.Diagnostics.CodeAnalysis.UnconditionalSuppressMessage("AOT", "IL3050",
        Justification = "Spectre.Console.Cli binds settings by reflection; the AOT build roots this assembly and Spectre.Console.Cli (Lumen.Cli.csproj), and a test runs every command's --help and the main commands from the AOT binary (NativeBinaryTests).")]
    public static int Run(string[] args, IAnsiConsole? console = null, IEnvironmentVariables? environment = null, TimeProvider? time = null)
    {
        // `lumen --version` is `lumen version`, as other tools spell it.
        if (args is ["--version"])
        {
            args = ["version"];
        }

        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("lumen");
            if (console is not null)
            {
                config.ConfigureConsole(console);
            }

            config.Settings.StrictParsing = true;
            config.Settings.Registrar.RegisterInstance<IEnvironmentVariables>(environment ?? ProcessEnvironmentVariables.Instance);

            // The one place the system clock enters: commands take the TimeProvider (tests pass a fake one).
            config.Settings.Registrar.RegisterInstance(time ?? TimeProvider.System);
            config.AddCommand<VersionCommand>("version")
                .WithDescription("Print Lumen's version.");
            config.AddCommand<DemoCommand>("demo")
                .WithDescription("Run the whole loop on the embedded simulator for a few simulated days; leaves the ledger, metrics, charts and report in out/demo.");
            config.AddCommand<ReportCommand>("report")
                .WithDescription("Write LUMEN_DEMO_REPORT.md (and its charts) from a ledger, or one per replica with a Fleet section; exit 1 when a ledger does not verify or a claim is in two.");
            config.AddCommand<DashCommand>("dash")
                .WithDescription("Draw PNG charts of a ledger into reports/.");
            config.AddCommand<TrainRewardCommand>("train-reward")
                .WithDescription("Fit the reward model on the ledger's rewards; write models/reward.json (exit 2 with too few samples).");
            config.AddCommand<ValidateCommand>("validate")
                .WithDescription("Check the config files and environment overrides (exit 2 when invalid). Writes nothing.");
            config.AddCommand<MapCommand>("map")
                .WithDescription("Show how Lumen reads a traffic trace: load, phase and rhythm per point.");
            config.AddCommand<ParamsCommand>("params")
                .WithDescription("Write .env.STAGE with the stage's endpoints, policy and SLO values; print them as export lines for eval.");
            config.AddCommand<RunCommand>("run")
                .WithDescription("Run the loop for a stage against Prometheus; --once for one tick. Serves /metrics, /healthz, /readyz on 127.0.0.1:9478.");
            config.AddCommand<HealthCommand>("health")
                .WithDescription("Health checks (OK/WARN/FAIL): config, Prometheus, SLI series, ledger, TTLs, textfile, Alertmanager; exit 1 on FAIL.");
            config.AddBranch("thresholds", thresholds =>
            {
                thresholds.SetDescription("Alerting generated from a stage's policy.");
                thresholds.AddCommand<ThresholdsSyncCommand>("sync")
                    .WithDescription("Generate Prometheus rules, their promtool tests, Alertmanager config and managed feedback rules for STAGE.");
            });
            config.AddBranch("canary", canary =>
            {
                canary.SetDescription("Judge a canary against its baseline (docs/canary-statistics.md).");
                canary.AddCommand<CanaryCheckCommand>("check")
                    .WithDescription("Judge interval records (--from FILE, else live from Prometheus) with the anytime-valid judge; exit 0 pass, 1 fail, 3 inconclusive, 2 bad input, 5 Prometheus down.");
                canary.AddCommand<CanaryExportCommand>("export")
                    .WithDescription("Write interval records (JSON Lines) for a window from the stage's Prometheus.");
                canary.AddCommand<CanaryPromoteCommand>("promote")
                    .WithDescription("Promote the canary's configuration to the baseline (dry run unless DRY_RUN=0; exit 3 while waiting for approval).");
                canary.AddCommand<CanaryRollbackCommand>("rollback")
                    .WithDescription("Restore the canary to the baseline's configuration (dry run unless DRY_RUN=0).");
            });
            config.AddBranch("approvals", approvals =>
            {
                approvals.SetDescription("Promotion approvals (docs/approvals.md).");
                approvals.AddCommand<ApprovalsListCommand>("list").WithDescription("Pending approval requests (--all: every request).");
            });
            config.AddCommand<ApproveCommand>("approve").WithDescription("Approve a pending promotion request (ledgered, idempotent).");
            config.AddCommand<RejectCommand>("reject").WithDescription("Reject a pending promotion request (ledgered, idempotent).");
            config.AddBranch("bench", bench =>
            {
                bench.SetDescription("Benchmarks of Lumen's decisions against published baselines.");
                bench.AddCommand<BenchCanaryCommand>("canary")
                    .WithDescription("Canary judge vs Kayenta's Mann-Whitney and a Flagger-style threshold on the simulator corpus.");
                bench.AddCommand<BenchLoopCommand>("loop")
                    .WithDescription("CPU, wall time, allocations and RSS of one control-loop tick at N simulated services.");
                bench.AddCommand<BenchTunerCommand>("tuner")
                    .WithDescription("The tuners (lumen, LinUCB-v1, ε-greedy, random, static, the oracle) on the simulator, against static / best-fixed / hourly-schedule anchors.");
            });
            config.AddCommand<SignReleaseCommand>("sign-release")
                .WithDescription("Seal a release directory: the artifacts' SHA-256 into the SBOM, SHA256SUMS, a cosign-format signature per file (key from LUMEN_RELEASE_KEY_FILE).");
            config.AddCommand<VerifyReleaseCommand>("verify-release")
                .WithDescription("Check a release directory's sums, signatures and SBOM hashes against --pubkey (exit 0 valid, 1 invalid, 2 bad input).");
            config.AddBranch("ledger", ledger =>
            {
                ledger.SetDescription("Audit the proof ledger: verify the chain, tail it, show entries.");
                ledger.AddCommand<LedgerVerifyCommand>("verify")
                    .WithDescription("Check the whole hash chain against the head checkpoint (exit 0 valid, 1 invalid, 2 bad input).");
                ledger.AddCommand<LedgerTailCommand>("tail").WithDescription("Show the last entries.");
                ledger.AddCommand<LedgerShowCommand>("show").WithDescription("Show entries by kind, service and time.");
            });
        });
        // Spectre.Console.Cli answers a parse or validation error (unknown command or option, a value
        // of the wrong type, a failed Validate()) with -1; for Lumen that is bad input, exit 2.
        var exit = app.Run(args);
        return exit == SpectreParseError ? ExitCodes.BadInput : exit;
    }
}
